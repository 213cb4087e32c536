namespace LambdaWorkflow.Local.Queues;

/// <summary>A message handed out by <see cref="LocalQueue.ReceiveAsync"/>.</summary>
public sealed record ReceivedLocalMessage
{
    // Shared with the stored message, so the body is decoded or encoded at most once however often it is received.
    private readonly MessageBody _body;

    /// <summary>Creates a received message.</summary>
    /// <param name="messageId">The id given at send time; kept when the message moves to a dead-letter queue.</param>
    /// <param name="receiptHandle">The handle of this receive, for <see cref="LocalQueue.Delete"/> and <see cref="LocalQueue.ChangeVisibility"/>.</param>
    /// <param name="body">The message body.</param>
    /// <param name="attributes">The message attributes (never <see langword="null"/>).</param>
    /// <param name="receiveCount">How many times the message has been received from this queue, this receive included.</param>
    /// <param name="sentAt">When the message was first sent.</param>
    /// <param name="firstReceivedAt">When the message was first received from this queue.</param>
    /// <param name="groupId">The message group id, if one was given.</param>
    /// <param name="deduplicationId">The FIFO deduplication id, if any.</param>
    /// <param name="sequenceNumber">Increases with every message enqueued in this queue, so it orders a group's messages.</param>
    public ReceivedLocalMessage(
        string messageId,
        string receiptHandle,
        string body,
        IReadOnlyDictionary<string, string> attributes,
        int receiveCount,
        DateTimeOffset sentAt,
        DateTimeOffset firstReceivedAt,
        string? groupId,
        string? deduplicationId,
        long sequenceNumber)
        : this(messageId, receiptHandle, new MessageBody(body), attributes, receiveCount, sentAt, firstReceivedAt, groupId, deduplicationId, sequenceNumber)
    {
    }

    internal ReceivedLocalMessage(
        string messageId,
        string receiptHandle,
        MessageBody body,
        IReadOnlyDictionary<string, string> attributes,
        int receiveCount,
        DateTimeOffset sentAt,
        DateTimeOffset firstReceivedAt,
        string? groupId,
        string? deduplicationId,
        long sequenceNumber)
    {
        MessageId = messageId;
        ReceiptHandle = receiptHandle;
        _body = body;
        Attributes = attributes;
        ReceiveCount = receiveCount;
        SentAt = sentAt;
        FirstReceivedAt = firstReceivedAt;
        GroupId = groupId;
        DeduplicationId = deduplicationId;
        SequenceNumber = sequenceNumber;
    }

    /// <summary>The id given at send time; kept when the message moves to a dead-letter queue.</summary>
    public string MessageId { get; init; }

    /// <summary>The handle of this receive, for <see cref="LocalQueue.Delete"/> and <see cref="LocalQueue.ChangeVisibility"/>.</summary>
    public string ReceiptHandle { get; init; }

    /// <summary>The message body.</summary>
    public string Body
    {
        get => _body.Text;
        init => _body = new MessageBody(value);
    }

    /// <summary>The message body as UTF-8 bytes, as a consumer hands it to a parser.</summary>
    public ReadOnlyMemory<byte> Utf8Body => _body.Utf8;

    /// <summary>The message attributes (never <see langword="null"/>).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; }

    /// <summary>How many times the message has been received from this queue, this receive included.</summary>
    public int ReceiveCount { get; init; }

    /// <summary>When the message was first sent.</summary>
    public DateTimeOffset SentAt { get; init; }

    /// <summary>When the message was first received from this queue.</summary>
    public DateTimeOffset FirstReceivedAt { get; init; }

    /// <summary>The message group id, if one was given.</summary>
    public string? GroupId { get; init; }

    /// <summary>The FIFO deduplication id, if any.</summary>
    public string? DeduplicationId { get; init; }

    /// <summary>Increases with every message enqueued in this queue, so it orders a group's messages.</summary>
    public long SequenceNumber { get; init; }

    internal MessageBody MessageBody => _body;
}
