namespace LambdaWorkflow.Local.Queues;

/// <summary>
/// Delivery policy of a FIFO queue. Each group keeps its messages in send order; a group is available when
/// it has messages and none in flight, and available groups wait in a queue of their own, so a receive costs
/// O(messages delivered), however many messages sit behind locked groups. As SQS does, a receive drains as
/// many messages of one group as it can before moving to the next available group.
/// </summary>
internal sealed class FifoReadyMessages : ReadyMessages
{
    private readonly Dictionary<string, FifoGroup> _groups = new(StringComparer.Ordinal);
    private readonly Queue<FifoGroup> _available = new();
    private FifoGroup? _current;
    private StoredMessage? _cursor;

    public override bool Add(StoredMessage message)
    {
        string groupId = message.GroupId!;
        if (!_groups.TryGetValue(groupId, out var group))
        {
            group = new FifoGroup(groupId);
            _groups.Add(groupId, group);
        }

        group.Append(message);
        return TryMakeAvailable(group);
    }

    public override bool Release(StoredMessage message)
    {
        // The message never left its place in the group, so it is delivered again before the later ones.
        var group = message.Group!;
        group.InFlight--;
        return TryMakeAvailable(group);
    }

    public override StoredMessage? TakeNext()
    {
        if (_current is not null)
        {
            var next = _cursor;
            if (next is not null)
            {
                _cursor = next.NextInGroup;
                return next;
            }

            _current = null;
        }

        while (_available.TryDequeue(out var group))
        {
            group.IsQueued = false;
            if (group.IsAvailable)
            {
                // All messages of an available group are visible: take them from the head, in order.
                _current = group;
                _cursor = group.Head!.NextInGroup;
                return group.Head;
            }
        }

        return null;
    }

    public override void Received(StoredMessage message) => message.Group!.InFlight++;

    public override bool Remove(StoredMessage message, bool wasInFlight)
    {
        var group = message.Group!;
        group.Unlink(message);
        message.Group = null;
        if (wasInFlight)
        {
            group.InFlight--;
        }

        if (group.Head is null && group.InFlight == 0)
        {
            // Groups come and go with workflow instances; an empty one must not stay in the table.
            _groups.Remove(group.Id);
            group.IsDetached = true;
            return false;
        }

        return TryMakeAvailable(group);
    }

    public override bool EndReceive()
    {
        var group = _current;
        _current = null;
        _cursor = null;
        return group is not null && TryMakeAvailable(group);
    }

    private bool TryMakeAvailable(FifoGroup group)
    {
        // The group being drained by the current receive is not queued again until the receive ends.
        if (group.IsQueued || !group.IsAvailable || ReferenceEquals(group, _current))
        {
            return false;
        }

        group.IsQueued = true;
        _available.Enqueue(group);
        return true;
    }
}
