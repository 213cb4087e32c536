namespace LambdaWorkflow.Aws.Worker;

/// <summary>Settings of <see cref="SqsPollingWorker"/>; bind them from configuration or set them in code.</summary>
public sealed class SqsWorkerOptions
{
    /// <summary>The service queue's URL. Required.</summary>
    public string QueueUrl { get; set; } = string.Empty;

    /// <summary>
    /// Where dead letters go, with their reason as message attributes. Null reads it from the queue's redrive policy
    /// at start; with neither, a dead letter is logged and left to the redrive policy (or retried). Default null.
    /// </summary>
    public string? DeadLetterQueueUrl { get; set; }

    /// <summary>Most messages handled at the same time; receiving pauses while all slots are busy. Default 10.</summary>
    public int MaxConcurrency { get; set; } = 10;

    /// <summary>Most messages per receive request, 1 to 10 (SQS's limit). Default 10.</summary>
    public int MaxMessagesPerReceive { get; set; } = 10;

    /// <summary>Long-poll wait of a receive, 0 to 20 s. Default 20 s, which keeps empty receives (and their cost) rare.</summary>
    public TimeSpan WaitTime { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a received message stays hidden; the worker extends it while the handler runs. Default 30 s.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a running message's visibility is extended (by <see cref="VisibilityTimeout"/>); null for half of it. Default null.</summary>
    public TimeSpan? VisibilityExtensionInterval { get; set; }

    /// <summary>
    /// How long in-flight handlers may go on finishing when the host stops. After it they are cancelled, and their messages
    /// (and any not started) are made visible again at once for another worker. Keep it below the host's shutdown
    /// timeout (30 s by default). Default 20 s.
    /// </summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>First delay before a message to retry is visible again, when the handler gives none; doubles per receive. Default 1 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest retry delay. Default 5 minutes.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Pause after a failed receive request before the next. Default 1 s.</summary>
    public TimeSpan ReceiveErrorDelay { get; set; } = TimeSpan.FromSeconds(1);

    internal TimeSpan ExtensionInterval => VisibilityExtensionInterval ?? VisibilityTimeout / 2;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(QueueUrl, nameof(QueueUrl));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrency, 1, nameof(MaxConcurrency));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessagesPerReceive, 1, nameof(MaxMessagesPerReceive));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxMessagesPerReceive, 10, nameof(MaxMessagesPerReceive));
        ArgumentOutOfRangeException.ThrowIfLessThan(WaitTime, TimeSpan.Zero, nameof(WaitTime));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(WaitTime, TimeSpan.FromSeconds(20), nameof(WaitTime));
        ArgumentOutOfRangeException.ThrowIfLessThan(VisibilityTimeout, TimeSpan.FromSeconds(1), nameof(VisibilityTimeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(VisibilityTimeout, TimeSpan.FromHours(12), nameof(VisibilityTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(ExtensionInterval, TimeSpan.FromMilliseconds(100), nameof(VisibilityExtensionInterval));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ExtensionInterval, VisibilityTimeout, nameof(VisibilityExtensionInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(ShutdownGracePeriod, TimeSpan.Zero, nameof(ShutdownGracePeriod));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryDelay, TimeSpan.Zero, nameof(RetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryDelay, RetryDelay, nameof(MaxRetryDelay));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxRetryDelay, TimeSpan.FromHours(12), nameof(MaxRetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReceiveErrorDelay, TimeSpan.Zero, nameof(ReceiveErrorDelay));
    }
}
