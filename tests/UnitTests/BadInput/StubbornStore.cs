using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.UnitTests.BadInput;

/// <summary>
/// A store on which the instances named in <see cref="Stubborn"/> always lose the version race, as if another
/// writer kept committing first: every turn on them reads a stale version.
/// </summary>
internal sealed class StubbornStore(IWorkflowStateStore inner) : IWorkflowStateStore
{
    public HashSet<string> Stubborn { get; } = new(StringComparer.Ordinal);

    public Task<InstanceSnapshot?> LoadAsync(string instanceId, CancellationToken cancellationToken = default) =>
        inner.LoadAsync(instanceId, cancellationToken);

    public Task<InstanceMetadata?> GetMetadataAsync(string instanceId, CancellationToken cancellationToken = default) =>
        inner.GetMetadataAsync(instanceId, cancellationToken);

    public Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken = default)
    {
        lock (Stubborn)
        {
            if (Stubborn.Contains(commit.Metadata.InstanceId))
            {
                throw new ConcurrencyConflictException(commit.Metadata.InstanceId, commit.ExpectedVersion);
            }
        }

        return inner.CommitAsync(commit, cancellationToken);
    }
}
