using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.ServiceHost;

namespace LambdaWorkflow.Aws.Worker;

/// <summary>
/// A minimal SQS reply sender for the worker: the reply's JSON to the <c>replyTo</c> queue URL, with the instance as
/// message group and the reply's deduplication id when the queue is FIFO. <c>src/Aws/Sqs</c> has the full one
/// (size checks, retries); register it as <see cref="IReplySender"/> and the worker uses it instead.
/// </summary>
internal sealed class WorkerReplySender(ISqsWorkerQueue queue) : IReplySender
{
    public Task SendAsync(string replyTo, InboxMessage reply, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(replyTo);
        ArgumentNullException.ThrowIfNull(reply);
        var fifo = replyTo.EndsWith(".fifo", StringComparison.Ordinal);
        return queue.SendAsync(
            replyTo,
            new SqsOutgoing(InboxMessageReader.ToJson(reply), GroupId: fifo ? reply.InstanceId : null, DeduplicationId: fifo ? reply.DeduplicationId : null),
            cancellationToken);
    }
}
