namespace LambdaWorkflow.Aws.Sqs;

/// <summary>
/// How SQS calls are retried on throttling, 5xx answers, network errors and batch entries SQS failed on its side:
/// exponential backoff with optional jitter. Errors of the request itself are never retried.
/// </summary>
/// <remarks>
/// The retries run inside one Lambda invocation: with the defaults (3 retries from 100 ms, capped at 2 s) a call
/// waits about 0.7 s in all. Clients built by <c>LambdaEnvironment</c> turn the SDK's own retries off, so this is
/// the only retry layer and every attempt is counted; a client you build yourself keeps the SDK's retries underneath.
/// </remarks>
public sealed class SqsRetryOptions
{
    /// <summary>Retries after the first attempt; 0 disables retrying. Default 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The median delay before the first retry; it doubles with each retry. Default 100 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest delay between two attempts. Default 2 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Randomizes the delays so that throttled callers do not retry in step. Default true.</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>Throws when a setting is out of range.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetryAttempts, nameof(MaxRetryAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseDelay, TimeSpan.Zero, nameof(BaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, BaseDelay, nameof(MaxDelay));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxDelay, TimeSpan.FromMinutes(5), nameof(MaxDelay));
    }
}
