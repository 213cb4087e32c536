using System.Globalization;

namespace LambdaWorkflow.Contracts;

/// <summary>
/// Call ids are deterministic, <c>{instanceId}#{callNumber}</c>: the idempotency key of a call end to end.
/// </summary>
public static class CallIds
{
    /// <summary>Builds the id of call <paramref name="callNumber"/> of an instance.</summary>
    public static string Create(string instanceId, int callNumber) =>
        string.Create(CultureInfo.InvariantCulture, $"{instanceId}#{callNumber}");

    /// <summary>Reads the call number back, checking that the id belongs to <paramref name="instanceId"/>.</summary>
    public static bool TryParse(string callId, string instanceId, out int callNumber)
    {
        callNumber = -1;
        if (callId is null || instanceId is null || callId.Length <= instanceId.Length + 1
            || !callId.StartsWith(instanceId, StringComparison.Ordinal) || callId[instanceId.Length] != '#')
        {
            return false;
        }

        return int.TryParse(callId.AsSpan(instanceId.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out callNumber);
    }
}
