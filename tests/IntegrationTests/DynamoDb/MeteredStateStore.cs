using LambdaWorkflow.Aws.DynamoDb;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.IntegrationTests.DynamoDb;

/// <summary>
/// Wraps a DynamoDB store and records the usage of every call. Calls must not overlap for the figures to be per
/// call: one instance, and no status polling (wait on <see cref="Finished"/> instead).
/// </summary>
internal sealed class MeteredStateStore(DynamoDbWorkflowStateStore store) : IWorkflowStateStore
{
    private readonly Lock _lock = new();
    private readonly List<Measurement> _measurements = [];
    private readonly TaskCompletionSource<InstanceMetadata> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the metadata of the first commit that ends an instance.</summary>
    public Task<InstanceMetadata> Finished => _finished.Task;

    /// <summary>The calls so far, in order.</summary>
    public IReadOnlyList<Measurement> Measurements
    {
        get
        {
            lock (_lock)
            {
                return [.. _measurements];
            }
        }
    }

    public async Task<InstanceSnapshot?> LoadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var before = store.Usage.Snapshot();
        var snapshot = await store.LoadAsync(instanceId, cancellationToken);
        Record("load", snapshot?.History.Count ?? 0, before);
        return snapshot;
    }

    public async Task<InstanceMetadata?> GetMetadataAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var before = store.Usage.Snapshot();
        var metadata = await store.GetMetadataAsync(instanceId, cancellationToken);
        Record("metadata", 0, before);
        return metadata;
    }

    public async Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken = default)
    {
        var before = store.Usage.Snapshot();
        await store.CommitAsync(commit, cancellationToken);
        Record("commit " + string.Join("+", commit.NewEvents.Select(e => e.Type)), commit.NewEvents.Count, before);
        if (commit.Metadata.Status is not WorkflowStatus.Running)
        {
            _finished.TrySetResult(commit.Metadata);
        }
    }

    private void Record(string what, int events, DynamoDbUsageSnapshot before)
    {
        lock (_lock)
        {
            _measurements.Add(new Measurement(what, events, store.Usage.Snapshot() - before));
        }
    }

    /// <summary>One store call: what it was, how many events it read or wrote, and what it cost.</summary>
    internal sealed record Measurement(string What, int Events, DynamoDbUsageSnapshot Usage);
}
