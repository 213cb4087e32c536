using System.Collections.Concurrent;

namespace LambdaWorkflow.Aws.DynamoDb;

/// <summary>
/// The layouts of recently loaded or committed instances, so that a turn's commit need not read its tail again.
/// An entry is used only for the exact version (and creation time) it describes, and a committed version's layout
/// never changes, so a stale entry costs a read, never a wrong write.
/// </summary>
internal sealed class LayoutCache(int capacity)
{
    private readonly ConcurrentDictionary<string, InstanceLayout> _entries = new(StringComparer.Ordinal);

    /// <summary>Keeps the layout of an instance, replacing any older one.</summary>
    public void Remember(string instanceId, InstanceLayout layout)
    {
        if (capacity == 0)
        {
            return;
        }

        // An entry is only worth the next commit of its instance, which usually follows its load at once; when the
        // cache is full, starting over is as good as evicting carefully and keeps memory bounded without bookkeeping.
        if (_entries.Count >= capacity && !_entries.ContainsKey(instanceId))
        {
            _entries.Clear();
        }

        _entries[instanceId] = layout;
    }

    /// <summary>The layout of <paramref name="version"/> of the instance, when remembered.</summary>
    public InstanceLayout? Find(string instanceId, long version, DateTimeOffset createdAt) =>
        _entries.TryGetValue(instanceId, out var layout) && layout.Version == version && layout.CreatedAt == createdAt ? layout : null;
}
