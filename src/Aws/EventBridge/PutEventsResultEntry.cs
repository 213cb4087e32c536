namespace LambdaWorkflow.Aws.EventBridge;

/// <summary>The outcome of one entry: an <see cref="EventId"/> when accepted, an <see cref="ErrorCode"/> when not.</summary>
/// <param name="EventId">The id EventBridge gave the event; null when the entry failed.</param>
/// <param name="ErrorCode">Why the entry failed, such as <c>ThrottlingException</c> or <c>InvalidArgument</c>; null when accepted.</param>
/// <param name="ErrorMessage">EventBridge's explanation of <paramref name="ErrorCode"/>.</param>
public sealed record PutEventsResultEntry(string? EventId, string? ErrorCode = null, string? ErrorMessage = null)
{
    /// <summary>True when EventBridge accepted the entry.</summary>
    public bool IsSuccess => ErrorCode is null;
}
