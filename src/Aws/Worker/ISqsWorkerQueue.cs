namespace LambdaWorkflow.Aws.Worker;

/// <summary>The few SQS calls the worker makes, in the project's own types; the SDK adapter is <see cref="SqsWorkerQueue"/>.</summary>
internal interface ISqsWorkerQueue
{
    Task<IReadOnlyList<SqsReceivedMessage>> ReceiveAsync(string queueUrl, int maxMessages, TimeSpan waitTime, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    Task DeleteAsync(string queueUrl, string receiptHandle, CancellationToken cancellationToken);

    /// <summary>Deletes up to ten messages in one request; one entry per handle: null when deleted, else why not.</summary>
    Task<IReadOnlyList<Exception?>> DeleteBatchAsync(string queueUrl, IReadOnlyList<string> receiptHandles, CancellationToken cancellationToken);

    Task ChangeVisibilityAsync(string queueUrl, string receiptHandle, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    Task SendAsync(string queueUrl, SqsOutgoing message, CancellationToken cancellationToken);

    /// <summary>Sends up to ten messages in one request; one entry per message: null when sent, else why not.</summary>
    Task<IReadOnlyList<Exception?>> SendBatchAsync(string queueUrl, IReadOnlyList<SqsOutgoing> messages, CancellationToken cancellationToken);

    /// <summary>The dead-letter queue's URL from the queue's redrive policy; null when it has none.</summary>
    Task<string?> FindDeadLetterQueueUrlAsync(string queueUrl, CancellationToken cancellationToken);
}

/// <summary>A received message, as the worker needs it.</summary>
internal sealed record SqsReceivedMessage(
    string MessageId,
    string ReceiptHandle,
    string Body,
    DateTimeOffset SentAt,
    int ReceiveCount,
    string? GroupId,
    IReadOnlyDictionary<string, string> Attributes);

/// <summary>A message to send: string attributes, a delay (standard queues) or a group and deduplication id (FIFO queues).</summary>
internal sealed record SqsOutgoing(
    string Body,
    IReadOnlyDictionary<string, string>? Attributes = null,
    TimeSpan Delay = default,
    string? GroupId = null,
    string? DeduplicationId = null);
