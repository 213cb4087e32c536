using System.Collections.Concurrent;
using LambdaWorkflow.Aws.Worker;
using LambdaWorkflow.Local.Queues;

namespace LambdaWorkflow.IntegrationTests.Services;

/// <summary>The worker's SQS seam over embedded queues (a queue URL is a queue name), recording the calls the worker makes.</summary>
internal sealed class LocalWorkerQueue(LocalQueueRegistry queues) : ISqsWorkerQueue
{
    public ConcurrentQueue<int> ReceiveSizes { get; } = new();

    public ConcurrentQueue<(string ReceiptHandle, TimeSpan Visibility)> VisibilityChanges { get; } = new();

    public async Task<IReadOnlyList<SqsReceivedMessage>> ReceiveAsync(
        string queueUrl, int maxMessages, TimeSpan waitTime, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        ReceiveSizes.Enqueue(maxMessages);
        var received = await queues.GetQueue(queueUrl).ReceiveAsync(maxMessages, waitTime, visibilityTimeout, cancellationToken);
        return [.. received.Select(m => new SqsReceivedMessage(m.MessageId, m.ReceiptHandle, m.Body, m.SentAt, m.ReceiveCount, m.GroupId, m.Attributes))];
    }

    public Task DeleteAsync(string queueUrl, string receiptHandle, CancellationToken cancellationToken)
    {
        queues.GetQueue(queueUrl).Delete(receiptHandle);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Exception?>> DeleteBatchAsync(string queueUrl, IReadOnlyList<string> receiptHandles, CancellationToken cancellationToken)
    {
        var queue = queues.GetQueue(queueUrl);
        return Task.FromResult<IReadOnlyList<Exception?>>(
            [.. receiptHandles.Select(handle => queue.Delete(handle) ? null : new InvalidOperationException("ReceiptHandleIsInvalid: " + handle))]);
    }

    public Task ChangeVisibilityAsync(string queueUrl, string receiptHandle, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        // Applied first, recorded after: a test that sees the change and moves its fake clock must not move it before
        // the change counted from the clock's earlier time.
        queues.GetQueue(queueUrl).ChangeVisibility(receiptHandle, visibilityTimeout);
        VisibilityChanges.Enqueue((receiptHandle, visibilityTimeout));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Exception?>> SendBatchAsync(string queueUrl, IReadOnlyList<SqsOutgoing> messages, CancellationToken cancellationToken)
    {
        var queue = queues.GetQueue(queueUrl);
        foreach (var message in messages)
        {
            queue.Send(message.Body, message.Attributes, message.GroupId, message.DeduplicationId, message.Delay);
        }

        return Task.FromResult<IReadOnlyList<Exception?>>(new Exception?[messages.Count]);
    }

    public Task SendAsync(string queueUrl, SqsOutgoing message, CancellationToken cancellationToken)
    {
        queues.GetQueue(queueUrl).Send(message.Body, message.Attributes, message.GroupId, message.DeduplicationId, message.Delay);
        return Task.CompletedTask;
    }

    public Task<string?> FindDeadLetterQueueUrlAsync(string queueUrl, CancellationToken cancellationToken) =>
        Task.FromResult(queues.GetQueue(queueUrl).DeadLetterQueue?.Name);
}
