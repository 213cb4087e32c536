namespace LambdaWorkflow.Local.Queues;

/// <summary>Where a stored message is in its life.</summary>
internal enum MessageState
{
    Delayed,
    Visible,
    InFlight,
    Removed,
}

/// <summary>
/// A message stored in one <see cref="LocalQueue"/>, mutated only under that queue's lock. It carries its own
/// links for the queue's intrusive lists, so that enqueueing and removing allocate nothing beyond the message.
/// </summary>
internal sealed class StoredMessage(
    string messageId,
    MessageBody body,
    IReadOnlyDictionary<string, string> attributes,
    string? groupId,
    string? deduplicationId,
    long sequenceNumber,
    DateTimeOffset sentAt,
    DateTimeOffset enqueuedAt)
{
    public string MessageId { get; } = messageId;
    public MessageBody Body { get; } = body;
    public IReadOnlyDictionary<string, string> Attributes { get; } = attributes;
    public string? GroupId { get; } = groupId;
    public string? DeduplicationId { get; } = deduplicationId;
    public long SequenceNumber { get; } = sequenceNumber;
    public DateTimeOffset SentAt { get; } = sentAt;
    public DateTimeOffset EnqueuedAt { get; } = enqueuedAt;

    public MessageState State { get; private set; }

    /// <summary>Changes on every state change or reschedule; lazily removed entries compare it to tell they are stale.</summary>
    public int Version { get; private set; }

    /// <summary>UTC ticks at which a delayed or in-flight message becomes visible.</summary>
    public long VisibleAtTicks { get; set; }

    public int ReceiveCount { get; set; }
    public DateTimeOffset? FirstReceivedAt { get; set; }

    /// <summary>The handle of the latest receive; it stays valid until the next receive or the delete.</summary>
    public string? ReceiptHandle { get; set; }

    // Links of ArrivalList.
    public StoredMessage? OlderArrival { get; set; }
    public StoredMessage? NewerArrival { get; set; }

    // FIFO only: the group and the links of its ordered list.
    public FifoGroup? Group { get; set; }
    public StoredMessage? PreviousInGroup { get; set; }
    public StoredMessage? NextInGroup { get; set; }

    public void MoveTo(MessageState state)
    {
        State = state;
        Version++;
    }

    public void Reschedule(long visibleAtTicks)
    {
        VisibleAtTicks = visibleAtTicks;
        Version++;
    }
}
