using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Orchestrator.Publishing;

namespace LambdaWorkflow.Simulation;

/// <summary>Kills the orchestrator after it committed a turn and before its commands are published.</summary>
public sealed class ChaosPublisher(ICommandPublisher inner, FaultInjector faults) : ICommandPublisher
{
    /// <summary>Set when a crash struck; the world then replaces the orchestrator, as a new Lambda would.</summary>
    public bool Crashed { get; set; }

    public Task PublishAsync(IReadOnlyList<CallRequest> commands, CancellationToken cancellationToken = default)
    {
        if (faults.Strikes(FaultKind.CrashAfterPersistBeforePublish))
        {
            Crashed = true;
            throw new SimulatedCrashException("after persist, before publish");
        }

        return inner.PublishAsync(commands, cancellationToken);
    }
}
