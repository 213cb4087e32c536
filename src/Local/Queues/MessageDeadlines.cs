using System.Diagnostics.CodeAnalysis;

namespace LambdaWorkflow.Local.Queues;

/// <summary>
/// Delayed and in-flight messages ordered by the time they become visible: a min-heap with lazy removal.
/// A message deleted or rescheduled leaves a stale entry (its version no longer matches) that is skipped
/// when it reaches the top; when stale entries outnumber live ones the heap is rebuilt, so its size stays
/// proportional to the messages actually waiting and every operation stays O(log n) amortized.
/// </summary>
internal sealed class MessageDeadlines
{
    private const int CompactionThreshold = 64;

    private readonly PriorityQueue<Entry, long> _heap = new();
    private int _stale;

    public void Add(StoredMessage message) => _heap.Enqueue(new Entry(message, message.Version), message.VisibleAtTicks);

    /// <summary>Records that the entry of one message went stale (the message was deleted or rescheduled).</summary>
    public void Forget()
    {
        _stale++;
        if (_stale > CompactionThreshold && _stale > _heap.Count / 2)
        {
            Compact();
        }
    }

    /// <summary>Takes a message whose visibility time is at or before <paramref name="nowTicks"/>.</summary>
    public bool TryTakeDue(long nowTicks, [NotNullWhen(true)] out StoredMessage? message)
    {
        if (TryPeekNextDue(out long due) && due <= nowTicks)
        {
            message = _heap.Dequeue().Message;
            return true;
        }

        message = null;
        return false;
    }

    /// <summary>The earliest time a waiting message becomes visible.</summary>
    public bool TryPeekNextDue(out long dueTicks)
    {
        while (_heap.TryPeek(out Entry entry, out dueTicks))
        {
            if (entry.IsLive)
            {
                return true;
            }

            _heap.Dequeue();
            _stale--;
        }

        return false;
    }

    private void Compact()
    {
        var live = new List<(Entry, long)>(_heap.Count);
        foreach ((Entry entry, long due) in _heap.UnorderedItems)
        {
            if (entry.IsLive)
            {
                live.Add((entry, due));
            }
        }

        _heap.Clear();
        _heap.EnqueueRange(live);
        _stale = 0;
    }

    private readonly record struct Entry(StoredMessage Message, int Version)
    {
        public bool IsLive => Message.Version == Version;
    }
}
