using LambdaWorkflow.Contracts.Messages;

namespace LambdaWorkflow.Orchestrator.Publishing;

/// <summary>Publishes call commands (EventBridge <c>CallRequested</c> events, or the embedded bus).</summary>
public interface ICommandPublisher
{
    /// <summary>Publishes every command at least once, or throws; partial failures are retried inside.</summary>
    Task PublishAsync(IReadOnlyList<CallRequest> commands, CancellationToken cancellationToken = default);
}
