namespace LambdaWorkflow.Local.Queues;

/// <summary>
/// FIFO deduplication ids seen within the window, with the send they answer for. The window is fixed and time
/// only moves forward, so ids expire in the order they were added and a queue of them purges in O(1) amortized.
/// </summary>
internal sealed class DeduplicationCache(TimeSpan window)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, long ExpiresAtTicks)> _expiries = new();

    public bool TryGetOriginal(string deduplicationId, long nowTicks, out SendResult original)
    {
        Purge(nowTicks);
        if (_entries.TryGetValue(deduplicationId, out var entry))
        {
            original = entry.Original;
            return true;
        }

        original = default;
        return false;
    }

    public void Add(string deduplicationId, SendResult original, long nowTicks)
    {
        long expiresAt = nowTicks + window.Ticks;
        _entries[deduplicationId] = new Entry(original, expiresAt);
        _expiries.Enqueue((deduplicationId, expiresAt));
    }

    private void Purge(long nowTicks)
    {
        while (_expiries.TryPeek(out var head) && head.ExpiresAtTicks <= nowTicks)
        {
            _expiries.Dequeue();
            if (_entries.TryGetValue(head.Id, out var entry) && entry.ExpiresAtTicks == head.ExpiresAtTicks)
            {
                _entries.Remove(head.Id);
            }
        }
    }

    private readonly record struct Entry(SendResult Original, long ExpiresAtTicks);
}
