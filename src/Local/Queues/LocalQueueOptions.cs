namespace LambdaWorkflow.Local.Queues;

/// <summary>Settings of a <see cref="LocalQueue"/>; the defaults are those of SQS.</summary>
public sealed class LocalQueueOptions
{
    /// <summary>Whether the queue is FIFO: per-group ordering and deduplication. Default <see langword="false"/>.</summary>
    public bool Fifo { get; init; }

    /// <summary>How long a received message stays hidden unless deleted. Default 30 s; 0 to 12 h.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Receives a message may have before it goes to the dead-letter queue instead of being delivered
    /// (SQS <c>maxReceiveCount</c>, 1 to 1000). Set exactly when the queue has a dead-letter queue. Default none.
    /// </summary>
    public int? MaxReceiveCount { get; init; }

    /// <summary>How long a FIFO deduplication id suppresses a resend, counted from the first send. Default 5 min.</summary>
    public TimeSpan DeduplicationWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest per-message delay <see cref="LocalQueue.Send"/> accepts. Default 15 min.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Largest message, in UTF-8 bytes of body plus attribute names and values. Default 256 KiB.</summary>
    public int MaxMessageSize { get; init; } = 256 * 1024;

    /// <summary>Checks the settings; exceptions name the bad setting and are raised against the constructor's options parameter.</summary>
    internal static void Validate(LocalQueueOptions options, bool hasDeadLetterQueue)
    {
        QueueArguments.ThrowIfOutOfRange(options.VisibilityTimeout, QueueLimits.MaxVisibilityTimeout, nameof(options), nameof(VisibilityTimeout));
        QueueArguments.ThrowIfOutOfRange(options.MaxDelay, TimeSpan.MaxValue, nameof(options), nameof(MaxDelay));
        if (options.DeduplicationWindow <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DeduplicationWindow, "DeduplicationWindow must be positive.");
        }

        if (options.MaxMessageSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxMessageSize, "MaxMessageSize must be positive.");
        }

        if (options.MaxReceiveCount is int count && (count < 1 || count > QueueLimits.MaxReceiveCountLimit))
        {
            throw new ArgumentOutOfRangeException(nameof(options), count, $"MaxReceiveCount must be between 1 and {QueueLimits.MaxReceiveCountLimit}.");
        }

        // SQS takes both in one redrive policy; one without the other is a configuration mistake.
        if (options.MaxReceiveCount.HasValue != hasDeadLetterQueue)
        {
            throw new ArgumentException(
                hasDeadLetterQueue
                    ? "A queue with a dead-letter queue needs MaxReceiveCount."
                    : "MaxReceiveCount needs a dead-letter queue to move messages to.",
                nameof(options));
        }
    }
}
