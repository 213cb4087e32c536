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

            var history = new HistoryEvent[metadata.EventCount - metadata.FirstSequence];
            Array.Copy(instance.Slots, metadata.FirstSequence - instance.FirstSlot, history, 0, history.Length);
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

            // History first, like the DynamoDB store; invisible until the metadata says so. A writer that lost a race
            // must not overwrite what is committed, so only slots past the committed end are written.
            var committedEnd = instance.Metadata?.EventCount ?? 0;
            foreach (var e in commit.NewEvents)
            {
                if (e.Sequence >= committedEnd)
                {
                    instance.Put(e);
                }
            }

            var stored = instance.Metadata?.Version ?? 0;
            if (stored != commit.ExpectedVersion)
            {
                throw new ConcurrencyConflictException(id, commit.ExpectedVersion);
            }

            instance.Metadata = commit.Metadata;

            // Earlier runs are unreachable once a continue-as-new committed; drop their events.
            instance.DropBefore(commit.Metadata.FirstSequence);
        }

        return Task.CompletedTask;
    }

    private sealed class Instance
    {
        // An array sized to the history, not a list: most suspended instances hold a few events, and a list's
        // object and spare capacity would cost more than the events.
        public HistoryEvent[] Slots { get; private set; } = [];

        /// <summary>The sequence held in <see cref="Slots"/>[0]: earlier runs' events go after a continue-as-new.</summary>
        public int FirstSlot { get; private set; }

        public InstanceMetadata? Metadata { get; set; }

        public void Put(HistoryEvent e)
        {
            var slot = e.Sequence - FirstSlot;
            if (slot >= Slots.Length)
            {
                var slots = Slots;
                Array.Resize(ref slots, Math.Max(slot + 1, Slots.Length * 2));
                Slots = slots;
            }

            Slots[slot] = e;
        }

        public void DropBefore(int sequence)
        {
            if (sequence > FirstSlot)
            {
                Slots = Slots[Math.Min(sequence - FirstSlot, Slots.Length)..];
                FirstSlot = sequence;
            }
        }
    }
}
