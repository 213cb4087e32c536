namespace LambdaWorkflow.Local.Queues;

/// <summary>The outcome of <see cref="LocalQueue.Send"/>.</summary>
/// <param name="MessageId">The id of the message; for a duplicate, the id of the original.</param>
/// <param name="SequenceNumber">The queue's sequence number of the message (of the original, for a duplicate).</param>
/// <param name="IsDuplicate">
/// <see langword="true"/> when a FIFO deduplication id was seen within the window: the send was accepted but nothing was enqueued.
/// </param>
public readonly record struct SendResult(string MessageId, long SequenceNumber, bool IsDuplicate);
