using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Local.Queues;
using LambdaWorkflow.Orchestrator.Publishing;

namespace LambdaWorkflow.Local.Hosting;

/// <summary>Sends inbox messages to the embedded FIFO inbox: group = instance id, deduplication id from the message's identity.</summary>
public sealed class LocalInboxSender(LocalQueue inbox) : IInboxSender
{
    /// <inheritdoc />
    public string Address => inbox.Name;

    /// <inheritdoc />
    public Task SendAsync(IReadOnlyList<InboxMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            inbox.SendUtf8(InboxMessageReader.ToUtf8(message), groupId: message.InstanceId, deduplicationId: message.DeduplicationId);
        }

        return Task.CompletedTask;
    }
}
