using LambdaWorkflow.Local.Queues;
using Microsoft.Extensions.Time.Testing;
using static LambdaWorkflow.UnitTests.Queues.QueueTestKit;

namespace LambdaWorkflow.UnitTests.Queues;

public sealed class LocalQueueLongPollTests
{
    private static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(20);

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task ReceiveAsync_EmptyQueue_WakesOnSend()
    {
        var queue = Standard(_time);
        var waiting = queue.ReceiveAsync(10, LongPoll).AsTask();
        Assert.False(waiting.IsCompleted);

        queue.Send("hello");

        Assert.Equal(["hello"], (await waiting.WaitAsync(HangGuard)).Bodies());
    }

    [Fact]
    public async Task ReceiveAsync_NothingArrives_ReturnsEmptyAfterWaitTime()
    {
        var queue = Standard(_time);
        var waiting = queue.ReceiveAsync(10, LongPoll).AsTask();

        _time.Advance(LongPoll - TimeSpan.FromMilliseconds(1));
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Empty(await waiting.WaitAsync(HangGuard));
    }

    [Fact]
    public async Task ReceiveAsync_MessageAvailable_ReturnsWithoutWaiting()
    {
        var queue = Standard(_time);
        queue.Send("hello");

        var received = queue.ReceiveAsync(10, LongPoll);

        Assert.True(received.IsCompletedSuccessfully);
        Assert.Equal(["hello"], (await received).Bodies());
    }

    [Fact]
    public async Task ReceiveAsync_Waiting_WakesWhenVisibilityTimeoutPasses()
    {
        var queue = Standard(_time);
        queue.Send("hello");
        await queue.ReceiveOneAsync(TimeSpan.FromSeconds(10));
        var waiting = queue.ReceiveAsync(10, LongPoll).AsTask();

        _time.Advance(TimeSpan.FromSeconds(10));

        var received = Assert.Single(await waiting.WaitAsync(HangGuard));
        Assert.Equal(2, received.ReceiveCount);
    }

    [Fact]
    public async Task ReceiveAsync_Waiting_WakesWhenDelayPasses()
    {
        var queue = Standard(_time);
        queue.Send("later", delay: TimeSpan.FromSeconds(5));
        var waiting = queue.ReceiveAsync(10, LongPoll).AsTask();

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(["later"], (await waiting.WaitAsync(HangGuard)).Bodies());
    }

    [Fact]
    public async Task ReceiveAsync_EarlierDeadlineAddedWhileWaiting_WakesAtEarlierDeadline()
    {
        var queue = Standard(_time);
        queue.Send("late", delay: TimeSpan.FromSeconds(15));
        var waiting = queue.ReceiveAsync(10, LongPoll).AsTask();
        queue.Send("early", delay: TimeSpan.FromSeconds(3));

        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(["early"], (await waiting.WaitAsync(HangGuard)).Bodies());
    }

    [Fact]
    public async Task ReceiveAsync_WaitingOnLockedFifoGroup_WakesWhenGroupUnlocks()
    {
        var queue = Fifo(_time);
        queue.SendToGroup("a1", "g");
        queue.SendToGroup("a2", "g");
        var first = await queue.ReceiveOneAsync();
        var waiting = queue.ReceiveAsync(10, LongPoll).AsTask();
        Assert.False(waiting.IsCompleted);

        queue.Delete(first.ReceiptHandle);

        Assert.Equal(["a2"], (await waiting.WaitAsync(HangGuard)).Bodies());
    }

    [Fact]
    public async Task ReceiveAsync_SendToLockedFifoGroup_DoesNotWakeWaiter()
    {
        var queue = Fifo(_time);
        queue.SendToGroup("a1", "g");
        await queue.ReceiveOneAsync();
        var waiting = queue.ReceiveAsync(10, LongPoll).AsTask();

        queue.SendToGroup("a2", "g");
        _time.Advance(LongPoll);

        Assert.Empty(await waiting.WaitAsync(HangGuard));
    }

    [Fact]
    public async Task ReceiveAsync_TwoWaitersOneMessage_OnlyOneWoken()
    {
        var queue = Standard(_time);
        var firstWaiter = queue.ReceiveAsync(10, LongPoll).AsTask();
        var secondWaiter = queue.ReceiveAsync(10, LongPoll).AsTask();

        queue.Send("one");
        var winner = await Task.WhenAny(firstWaiter, secondWaiter).WaitAsync(HangGuard);
        var other = winner == firstWaiter ? secondWaiter : firstWaiter;

        Assert.Equal(["one"], (await winner).Bodies());
        Assert.False(other.IsCompleted);
        queue.Send("two");
        Assert.Equal(["two"], (await other.WaitAsync(HangGuard)).Bodies());
    }

    [Fact]
    public async Task ReceiveAsync_Cancelled_ThrowsAndLeavesLaterMessagesForOthers()
    {
        var queue = Standard(_time);
        using var cancellation = new CancellationTokenSource();
        var waiting = queue.ReceiveAsync(10, LongPoll, cancellationToken: cancellation.Token).AsTask();

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(HangGuard));
        queue.Send("hello");

        Assert.Equal(["hello"], (await queue.ReceiveNowAsync()).Bodies());
    }

    [Fact]
    public async Task ReceiveAsync_AlreadyCancelledToken_Throws()
    {
        var queue = Standard(_time);
        queue.Send("hello");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await queue.ReceiveAsync(10, LongPoll, cancellationToken: new CancellationToken(canceled: true)));
        Assert.Equal(1, queue.GetCounts().Visible);
    }

    [Fact]
    public async Task ReceiveAsync_RealClock_WakesWhenVisibilityTimeoutPasses()
    {
        // The one test on the system clock: the queue's own timer must wake a waiter with no other activity.
        var queue = new LocalQueue("real", new LocalQueueOptions(), TimeProvider.System);
        queue.Send("hello");
        await queue.ReceiveAsync(1, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));

        var received = await queue.ReceiveAsync(1, LongPoll).AsTask().WaitAsync(HangGuard);

        Assert.Equal(2, Assert.Single(received).ReceiveCount);
    }
}
