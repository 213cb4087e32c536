namespace LambdaWorkflow.Orchestrator;

/// <summary>
/// Durable retries of a call: each attempt is a call of its own in history (its own call id, so the service runs it
/// again), separated by durable timers with exponential backoff.
/// </summary>
public sealed record CallRetryPolicy
{
    /// <summary>Attempts in all, the first included (default 3).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Wait before the second attempt (default 1 s).</summary>
    public TimeSpan InitialInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Each wait is the previous one times this (default 2).</summary>
    public double BackoffCoefficient { get; init; } = 2.0;

    /// <summary>Longest wait between attempts (default 5 min).</summary>
    public TimeSpan MaximumInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Remote error types that are retried; null retries every type not in <see cref="NonRetryableErrorTypes"/>.</summary>
    public IReadOnlySet<string>? RetryableErrorTypes { get; init; }

    /// <summary>Remote error types that are never retried, such as <c>PaymentDeclined</c>.</summary>
    public IReadOnlySet<string>? NonRetryableErrorTypes { get; init; }

    /// <summary>Whether the failure of an attempt deserves another attempt.</summary>
    public bool ShouldRetry(Exception exception) => exception switch
    {
        CallTimeoutException => true,
        CallFailedException failed =>
            (RetryableErrorTypes is null || RetryableErrorTypes.Contains(failed.ErrorType))
            && (NonRetryableErrorTypes is null || !NonRetryableErrorTypes.Contains(failed.ErrorType)),
        _ => false,
    };

    /// <summary>The wait after attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var ticks = InitialInterval.Ticks * Math.Pow(BackoffCoefficient, Math.Max(0, attempt - 1));
        return TimeSpan.FromTicks((long)Math.Min(ticks, MaximumInterval.Ticks));
    }
}
