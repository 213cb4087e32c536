using System.Globalization;

namespace LambdaWorkflow.Contracts;

/// <summary>
/// Call ids are deterministic: <c>{instanceId}#{callNumber}</c> in an instance's first run and
/// <c>{instanceId}#{run}.{callNumber}</c> after it continued as new, so that every call of every run has its own
/// idempotency key end to end, and a late reply to an earlier run is recognisable as such.
/// </summary>
public static class CallIds
{
    /// <summary>Builds the id of call <paramref name="callNumber"/> of an instance's first run.</summary>
    public static string Create(string instanceId, int callNumber) => Create(instanceId, 0, callNumber);

    /// <summary>Builds the id of call <paramref name="callNumber"/> of run <paramref name="run"/> (0 for the first run).</summary>
    public static string Create(string instanceId, int run, int callNumber) => run == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{instanceId}#{callNumber}")
        : string.Create(CultureInfo.InvariantCulture, $"{instanceId}#{run}.{callNumber}");

    /// <summary>Reads the run and call number back, checking that the id belongs to <paramref name="instanceId"/>.</summary>
    public static bool TryParse(string callId, string instanceId, out int run, out int callNumber)
    {
        run = 0;
        callNumber = -1;
        if (callId is null || instanceId is null || callId.Length <= instanceId.Length + 1
            || !callId.StartsWith(instanceId, StringComparison.Ordinal) || callId[instanceId.Length] != '#')
        {
            return false;
        }

        var rest = callId.AsSpan(instanceId.Length + 1);
        var dot = rest.IndexOf('.');
        if (dot >= 0)
        {
            // "0.n" is not a valid spelling of a first-run id: each call has exactly one id.
            if (!int.TryParse(rest[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out run) || run == 0)
            {
                run = 0;
                return false;
            }

            rest = rest[(dot + 1)..];
        }

        if (int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out callNumber))
        {
            return true;
        }

        run = 0;
        callNumber = -1;
        return false;
    }
}
