using LambdaWorkflow.Contracts.Messages;

namespace LambdaWorkflow.Orchestrator.Publishing;

/// <summary>Sends messages to the workflow inbox (FIFO, grouped by instance id, deduplicated by message identity).</summary>
public interface IInboxSender
{
    /// <summary>The address services reply to: the inbox queue URL on AWS, its name on the embedded runtime.</summary>
    string Address { get; }

    /// <summary>Sends the messages, in order per instance.</summary>
    Task SendAsync(IReadOnlyList<InboxMessage> messages, CancellationToken cancellationToken = default);
}
