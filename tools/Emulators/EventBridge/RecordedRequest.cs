namespace LambdaWorkflow.Emulators;

/// <summary>One request the local endpoint received, and how it answered.</summary>
/// <param name="Sequence">The request's position in the log, from 1.</param>
/// <param name="Headers">The request's headers, repeated names joined with commas.</param>
/// <param name="Entries">The entries it carried; empty when the body could not be read.</param>
/// <param name="StatusCode">The HTTP status of the answer.</param>
/// <param name="ErrorCode">The error code of a failed request; null for 200.</param>
/// <param name="ErrorMessage">The error message of a failed request.</param>
/// <param name="EntryErrorCodes">Per entry, the error code it failed with, or null when accepted; empty unless 200.</param>
public sealed record RecordedRequest(
    int Sequence,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyList<PutEventsEntry> Entries,
    int StatusCode,
    string? ErrorCode,
    string? ErrorMessage,
    IReadOnlyList<string?> EntryErrorCodes)
{
    /// <summary>The call ids of the entries, in request order.</summary>
    public IReadOnlyList<string?> CallIds => [.. Entries.Select(e => e.CallId)];

    /// <summary>The request's header of that name, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
