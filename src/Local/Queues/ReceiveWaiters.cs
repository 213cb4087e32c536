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

/// <summary>One long-polling receiver: completes with <see langword="true"/> when woken, <see langword="false"/> on timeout.</summary>
internal sealed class ReceiveWaiter() : TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public LinkedListNode<ReceiveWaiter> Node { get; set; } = null!;

    public async ValueTask WaitAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        // The timer comes from the queue's TimeProvider so that tests move it with FakeTimeProvider.Advance.
        using var timer = timeProvider.CreateTimer(
            static state => ((ReceiveWaiter)state!).TrySetResult(false), this, timeout, Timeout.InfiniteTimeSpan);
        using var registration = cancellationToken.Register(
            static (state, token) => ((ReceiveWaiter)state!).TrySetCanceled(token), this);
        await Task.ConfigureAwait(false);
    }
}
