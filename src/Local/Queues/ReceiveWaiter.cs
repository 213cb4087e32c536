namespace LambdaWorkflow.Local.Queues;

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
