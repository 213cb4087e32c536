namespace LambdaWorkflow.Local.Queues;

/// <summary>
/// Visible messages of a standard queue in the order they became visible. SQS promises no order here;
/// this order is simply the cheapest. Removal is lazy: an entry whose message changed since is skipped.
/// </summary>
internal sealed class StandardReadyMessages : ReadyMessages
{
    private readonly Queue<(StoredMessage Message, int Version)> _queue = new();

    public override bool Add(StoredMessage message)
    {
        _queue.Enqueue((message, message.Version));
        return true;
    }

    public override bool Release(StoredMessage message) => Add(message);

    public override StoredMessage? TakeNext()
    {
        while (_queue.TryDequeue(out var entry))
        {
            if (entry.Message.Version == entry.Version)
            {
                return entry.Message;
            }
        }

        return null;
    }

    public override void Received(StoredMessage message)
    {
    }

    // The message's version changed when it was removed, which makes its entry (if any) stale.
    public override bool Remove(StoredMessage message, bool wasInFlight) => false;

    public override bool EndReceive() => false;
}
