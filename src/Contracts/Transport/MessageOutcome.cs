namespace LambdaWorkflow.Contracts.Transport;

/// <summary>What became of one received message; the transport acts on it (delete, leave for retry, or dead-letter).</summary>
public sealed record MessageOutcome
{
    private MessageOutcome(string messageId, MessageDisposition disposition, string? reason, TimeSpan? retryAfter = null)
    {
        MessageId = messageId;
        Disposition = disposition;
        Reason = reason;
        RetryAfter = retryAfter;
    }

    /// <summary>The message this outcome is for.</summary>
    public string MessageId { get; }

    /// <summary>What the transport must do with the message.</summary>
    public MessageDisposition Disposition { get; }

    /// <summary>Why the message was not completed; null when it was.</summary>
    public string? Reason { get; }

    /// <summary>
    /// <see cref="MessageDisposition.Retry"/>: when the message is worth receiving again, if the handler knows (for example
    /// when another delivery holds the call's lease until then); null leaves it to the transport's back-off.
    /// </summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Processed: delete it.</summary>
    public static MessageOutcome Completed(string messageId) => new(messageId, MessageDisposition.Completed, null);

    /// <summary>A transient failure: leave it in the queue to be received again.</summary>
    public static MessageOutcome Retry(string messageId, string reason) => new(messageId, MessageDisposition.Retry, reason);

    /// <summary>A transient failure that is worth retrying after <paramref name="retryAfter"/>: make it visible again then.</summary>
    public static MessageOutcome Retry(string messageId, string reason, TimeSpan retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        return new(messageId, MessageDisposition.Retry, reason, retryAfter);
    }

    /// <summary>It can never be processed: move it to the dead-letter queue with the reason.</summary>
    public static MessageOutcome DeadLetter(string messageId, string reason) => new(messageId, MessageDisposition.DeadLetter, reason);
}
