namespace LambdaWorkflow.Orchestrator.State;

/// <summary>
/// Durable state of workflow instances: a metadata item and history events per instance.
/// </summary>
/// <remarks>
/// A commit writes its history events first (idempotent puts keyed by sequence) and then the metadata,
/// conditional on the version read. Readers see only the first <see cref="InstanceMetadata.EventCount"/>
/// events, so a crash between the two writes leaves nothing visible. A turn is a pure function of the
/// state it read and its message, so two writers racing on the same version write identical events.
/// </remarks>
public interface IWorkflowStateStore
{
    /// <summary>Loads an instance's metadata and committed history; null when it does not exist.</summary>
    Task<InstanceSnapshot?> LoadAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Loads only the metadata item; null when the instance does not exist.</summary>
    Task<InstanceMetadata?> GetMetadataAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Writes a turn.</summary>
    /// <exception cref="ConcurrencyConflictException">The stored version is not <see cref="InstanceCommit.ExpectedVersion"/>.</exception>
    /// <exception cref="StateStoreUnavailableException">The store throttled or failed; the turn can be retried.</exception>
    Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken = default);
}
