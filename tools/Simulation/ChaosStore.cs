using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Simulation;

/// <summary>A state store that throttles, and loses version races after writing its events, when the injector says so.</summary>
public sealed class ChaosStore(IWorkflowStateStore inner, FaultInjector faults) : IWorkflowStateStore
{
    public Task<InstanceSnapshot?> LoadAsync(string instanceId, CancellationToken cancellationToken = default) => inner.LoadAsync(instanceId, cancellationToken);

    public Task<InstanceMetadata?> GetMetadataAsync(string instanceId, CancellationToken cancellationToken = default) => inner.GetMetadataAsync(instanceId, cancellationToken);

    public Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        if (faults.Strikes(FaultKind.StoreThrottled))
        {
            throw new StateStoreUnavailableException("simulated throttling");
        }

        if (faults.Strikes(FaultKind.VersionConflict))
        {
            // The events reach the store, then the metadata update loses: exactly what a racing writer sees.
            return inner.CommitAsync(commit with { ExpectedVersion = -1 }, cancellationToken);
        }

        return inner.CommitAsync(commit, cancellationToken);
    }
}
