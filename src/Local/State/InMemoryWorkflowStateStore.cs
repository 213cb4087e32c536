using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Local.State;

/// <summary>
/// Instance state in memory, honouring the same contract as the durable stores: history slots are written first
/// (overwriting by sequence), then the metadata under a version check; readers see only committed events.
/// </summary>
public sealed class InMemoryWorkflowStateStore : IWorkflowStateStore, IInstanceLister
{
    private readonly Dictionary<string, Instance> _instances = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Number of instances stored.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _instances.Count;
            }
        }
    }

    /// <summary>Metadata of every instance, for listings.</summary>
    public IReadOnlyList<InstanceMetadata> ListInstances()
    {
        lock (_lock)
        {
            return [.. _instances.Values.Select(i => i.Metadata).OfType<InstanceMetadata>()];
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<InstanceMetadata>> ListAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        IReadOnlyList<InstanceMetadata> matches = [.. ListInstances()
            .Where(m => (query.Status is null || m.Status == query.Status)
                && (query.Workflow is null || m.Workflow == query.Workflow)
                && (query.UpdatedAfter is null || m.UpdatedAt > query.UpdatedAfter))
            .OrderByDescending(m => m.UpdatedAt)
            .Take(query.Limit)];
        return Task.FromResult(matches);
    }

    /// <inheritdoc />
    public Task<InstanceSnapshot?> LoadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_instances.TryGetValue(instanceId, out var instance) || instance.Metadata is not { } metadata)
            {
                return Task.FromResult<InstanceSnapshot?>(null);
            }

            var history = new HistoryEvent[metadata.EventCount];
            instance.Slots.CopyTo(0, history, 0, metadata.EventCount);
            return Task.FromResult<InstanceSnapshot?>(new InstanceSnapshot(metadata, history));
        }
    }

    /// <inheritdoc />
    public Task<InstanceMetadata?> GetMetadataAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_instances.TryGetValue(instanceId, out var instance) ? instance.Metadata : null);
        }
    }

    /// <inheritdoc />
    public Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var id = commit.Metadata.InstanceId;
        lock (_lock)
        {
            if (!_instances.TryGetValue(id, out var instance))
            {
                _instances[id] = instance = new Instance();
            }

            // History first, like the DynamoDB store; invisible until the metadata says so.
            foreach (var e in commit.NewEvents)
            {
                while (instance.Slots.Count <= e.Sequence)
                {
                    instance.Slots.Add(null!);
                }

                instance.Slots[e.Sequence] = e;
            }

            var stored = instance.Metadata?.Version ?? 0;
            if (stored != commit.ExpectedVersion)
            {
                throw new ConcurrencyConflictException(id, commit.ExpectedVersion);
            }

            instance.Metadata = commit.Metadata;
        }

        return Task.CompletedTask;
    }

    private sealed class Instance
    {
        public List<HistoryEvent> Slots { get; } = [];

        public InstanceMetadata? Metadata { get; set; }
    }
}
