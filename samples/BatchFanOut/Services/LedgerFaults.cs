namespace BatchFanOut.Services;

/// <summary>
/// Decides from the seed alone whether a ledger post fails and how slowly it answers, per item and execution
/// attempt: the same seed fails the same items however the runtime schedules them, so a run can be checked against
/// <see cref="ExpectedToFail"/>.
/// </summary>
public sealed class LedgerFaults(BatchOptions options)
{
    private const int Permanent = -1, Latency = -2;

    /// <summary>The ledger refuses this item for good.</summary>
    public bool FailsPermanently(int index) => Draw(index, Permanent) < options.PermanentFailureRate;

    /// <summary>This execution of the item's post times out.</summary>
    public bool FailsTransiently(int index, int executionAttempt) => Draw(index, executionAttempt) < options.TransientFailureRate;

    public TimeSpan LatencyOf(int index, int executionAttempt) =>
        TimeSpan.FromMilliseconds(Math.Floor(Draw(index, Latency - executionAttempt) * (options.MaxLatencyMs + 1)));

    /// <summary>
    /// True when the item's child must fail: refused for good, or timing out on every one of
    /// <paramref name="executionAttempts"/> executions (the first and the service host's retries).
    /// </summary>
    public bool ExpectedToFail(int index, int executionAttempts)
    {
        for (var attempt = 1; attempt <= executionAttempts; attempt++)
        {
            if (!FailsTransiently(index, attempt))
            {
                return FailsPermanently(index);
            }
        }

        return true;
    }

    /// <summary>A uniform number in [0, 1): FNV-1a over (seed, item, purpose), then a final avalanche.</summary>
    private double Draw(int index, int purpose)
    {
        var hash = 14_695_981_039_346_656_037UL;
        foreach (var value in (ReadOnlySpan<int>)[options.Seed, index, purpose])
        {
            hash = (hash ^ (uint)value) * 1_099_511_628_211UL;
            hash ^= hash >> 29;
        }

        hash *= 0xBF58476D1CE4E5B9UL;
        hash ^= hash >> 32;
        return (hash >> 11) * (1.0 / (1UL << 53));
    }
}
