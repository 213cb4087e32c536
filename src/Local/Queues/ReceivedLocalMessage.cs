namespace LambdaWorkflow.Local.Queues;

/// <summary>A message handed out by <see cref="LocalQueue.ReceiveAsync"/>.</summary>
/// <param name="MessageId">The id given at send time; kept when the message moves to a dead-letter queue.</param>
/// <param name="ReceiptHandle">The handle of this receive, for <see cref="LocalQueue.Delete"/> and <see cref="LocalQueue.ChangeVisibility"/>.</param>
/// <param name="Body">The message body.</param>
/// <param name="Attributes">The message attributes (never <see langword="null"/>).</param>
/// <param name="ReceiveCount">How many times the message has been received from this queue, this receive included.</param>
/// <param name="SentAt">When the message was first sent.</param>
/// <param name="FirstReceivedAt">When the message was first received from this queue.</param>
/// <param name="GroupId">The message group id, if one was given.</param>
/// <param name="DeduplicationId">The FIFO deduplication id, if any.</param>
/// <param name="SequenceNumber">Increases with every message enqueued in this queue, so it orders a group's messages.</param>
public sealed record ReceivedLocalMessage(
    string MessageId,
    string ReceiptHandle,
    string Body,
    IReadOnlyDictionary<string, string> Attributes,
    int ReceiveCount,
    DateTimeOffset SentAt,
    DateTimeOffset FirstReceivedAt,
    string? GroupId,
    string? DeduplicationId,
    long SequenceNumber);
