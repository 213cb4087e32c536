using LambdaWorkflow.Orchestrator.Engine;

namespace LambdaWorkflow.Orchestrator.Hosting;

/// <summary>
/// Suspended executions kept in memory (a warm Lambda, sticky through the FIFO group), least recently used out.
/// An entry is taken out while a turn runs on it, so two deliveries of one instance never share an execution;
/// it goes back only after its turn committed.
/// </summary>
internal sealed class InstanceCache(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Takes the execution of an instance out of the cache, if it is there.</summary>
    public bool TryTake(string instanceId, out WorkflowExecution execution, out long version)
    {
        lock (_lock)
        {
            if (_entries.Remove(instanceId, out var node))
            {
                _recency.Remove(node);
                (execution, version) = (node.Value.Execution, node.Value.Version);
                return true;
            }
        }

        (execution, version) = (null!, 0);
        return false;
    }

    /// <summary>Keeps an execution whose state matches the committed <paramref name="version"/>.</summary>
    public void Put(string instanceId, WorkflowExecution execution, long version)
    {
        if (capacity <= 0)
        {
            return;
        }

        lock (_lock)
        {
            if (_entries.Remove(instanceId, out var existing))
            {
                _recency.Remove(existing);
            }

            _entries[instanceId] = _recency.AddFirst(new Entry(instanceId, execution, version));
            while (_entries.Count > capacity)
            {
                var oldest = _recency.Last!;
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.InstanceId);
            }
        }
    }

    // A struct: the list node holds it inline, one object less per cached instance.
    private readonly record struct Entry(string InstanceId, WorkflowExecution Execution, long Version);
}
