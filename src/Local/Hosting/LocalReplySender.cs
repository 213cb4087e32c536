using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Local.Queues;
using LambdaWorkflow.ServiceHost;

namespace LambdaWorkflow.Local.Hosting;

/// <summary>Delivers a service's reply to the embedded queue named by <c>replyTo</c>.</summary>
public sealed class LocalReplySender(LocalQueueRegistry queues) : IReplySender
{
    /// <inheritdoc />
    public Task SendAsync(string replyTo, InboxMessage reply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var queue = queues.GetQueue(replyTo);
        queue.SendUtf8(InboxMessageReader.ToUtf8(reply), groupId: queue.Options.Fifo ? reply.InstanceId : null, deduplicationId: queue.Options.Fifo ? reply.DeduplicationId : null);
        return Task.CompletedTask;
    }
}
