namespace LambdaWorkflow.Cli.Queues;

/// <summary>One queue's depth at one moment, as <c>lwf queues</c> prints it.</summary>
/// <param name="Name">The queue's name.</param>
/// <param name="Url">The queue's URL.</param>
/// <param name="Kind"><c>inbox</c> (FIFO), <c>service</c> (standard) or <c>dlq</c>.</param>
/// <param name="DeadLetterQueue">The queue its redrive policy moves failed messages to, if any.</param>
/// <param name="Sources">For a dead-letter queue: the queues whose redrive policy points at it.</param>
/// <param name="Visible">Messages ready to be received (<c>ApproximateNumberOfMessages</c>).</param>
/// <param name="InFlight">Messages received and not yet deleted (<c>ApproximateNumberOfMessagesNotVisible</c>).</param>
/// <param name="Delayed">Messages not yet visible because of a delivery delay, such as timers (<c>ApproximateNumberOfMessagesDelayed</c>).</param>
/// <param name="OldestAgeSeconds">Age of the oldest message seen by peeking; null when not peeked or empty.</param>
/// <param name="AgeSource"><c>peek</c> when <paramref name="OldestAgeSeconds"/> comes from peeking, <c>none</c> when it was not measured.</param>
public sealed record QueueStatus(
    string Name,
    string Url,
    string Kind,
    string? DeadLetterQueue,
    IReadOnlyList<string> Sources,
    long Visible,
    long InFlight,
    long Delayed,
    double? OldestAgeSeconds,
    string AgeSource)
{
    /// <summary>Messages the queue holds in any state.</summary>
    public long Total => Visible + InFlight + Delayed;

    /// <summary>True for a dead-letter queue that holds messages: someone needs to look.</summary>
    public bool NeedsAttention => Kind == QueueKinds.DeadLetter && Total > 0;
}
