namespace LambdaWorkflow.Contracts.Transport;

/// <summary>
/// A message received from a queue, independent of the transport (SQS via Lambda, SQS polling, or the embedded queues).
/// </summary>
/// <param name="MessageId">The queue's message id; outcomes refer to it.</param>
/// <param name="Body">The body as UTF-8 bytes.</param>
/// <param name="SentAt">When the queue accepted the message; stable across redeliveries of the same message.</param>
/// <param name="ReceiveCount">How many times the message has been received, this time included.</param>
/// <param name="GroupId">The FIFO message group, if any.</param>
public sealed record QueueMessage(
    string MessageId,
    ReadOnlyMemory<byte> Body,
    DateTimeOffset SentAt,
    int ReceiveCount,
    string? GroupId = null);
