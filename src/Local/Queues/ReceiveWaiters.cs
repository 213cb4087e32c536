namespace LambdaWorkflow.Local.Queues;

/// <summary>
/// Long-polling receivers waiting for a message, oldest first. Used under the queue's lock. A waiter ends one of
/// three ways (woken, timed out, cancelled); only one wins, and a wake that loses goes to the next waiter.
/// </summary>
internal sealed class ReceiveWaiters
{
    private readonly LinkedList<ReceiveWaiter> _waiters = new();

    public int Count => _waiters.Count;

    public ReceiveWaiter Add()
    {
        var waiter = new ReceiveWaiter();
        waiter.Node = _waiters.AddLast(waiter);
        return waiter;
    }

    public void Remove(ReceiveWaiter waiter)
    {
        if (waiter.Node.List is not null)
        {
            _waiters.Remove(waiter.Node);
        }
    }

    /// <summary>Wakes up to <paramref name="count"/> waiters, skipping those that already timed out or were cancelled.</summary>
    public void Wake(int count)
    {
        while (count > 0 && _waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            if (first.Value.TrySetResult(true))
            {
                count--;
            }
        }
    }
}
