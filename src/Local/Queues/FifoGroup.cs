namespace LambdaWorkflow.Local.Queues;

/// <summary>One FIFO message group: its undeleted messages in send order, and how many of them are in flight.</summary>
internal sealed class FifoGroup(string id)
{
    public string Id { get; } = id;

    public StoredMessage? Head { get; private set; }

    public StoredMessage? Tail { get; private set; }

    /// <summary>In-flight messages of the group; while any, the group is locked (SQS FIFO semantics).</summary>
    public int InFlight { get; set; }

    /// <summary>Whether the group sits in the queue of groups available for delivery.</summary>
    public bool IsQueued { get; set; }

    /// <summary>Whether the group was dropped from its queue's group table because it emptied.</summary>
    public bool IsDetached { get; set; }

    public bool IsAvailable => InFlight == 0 && Head is not null && !IsDetached;

    public void Append(StoredMessage message)
    {
        message.Group = this;
        message.PreviousInGroup = Tail;
        message.NextInGroup = null;
        if (Tail is null)
        {
            Head = message;
        }
        else
        {
            Tail.NextInGroup = message;
        }

        Tail = message;
    }

    public void Unlink(StoredMessage message)
    {
        if (message.PreviousInGroup is null)
        {
            Head = message.NextInGroup;
        }
        else
        {
            message.PreviousInGroup.NextInGroup = message.NextInGroup;
        }

        if (message.NextInGroup is null)
        {
            Tail = message.PreviousInGroup;
        }
        else
        {
            message.NextInGroup.PreviousInGroup = message.PreviousInGroup;
        }

        message.PreviousInGroup = null;
        message.NextInGroup = null;
    }
}
