using LambdaWorkflow.Local.Queues;
using Microsoft.Extensions.Time.Testing;
using static LambdaWorkflow.UnitTests.Queues.QueueTestKit;

namespace LambdaWorkflow.UnitTests.Queues;

public sealed class LocalQueueCountsTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void GetCounts_EmptyQueue_AllZero()
    {
        Assert.Equal(new QueueCounts(0, 0, 0, TimeSpan.Zero), Standard(_time).GetCounts());
    }

    [Fact]
    public async Task GetCounts_MessagesInEveryState_CountsEachState()
    {
        var queue = Standard(_time);
        queue.Send("a");
        queue.Send("b");
        queue.Send("c", delay: TimeSpan.FromMinutes(1));

        await queue.ReceiveOneAsync();

        var counts = queue.GetCounts();
        Assert.Equal(1, counts.Visible);
        Assert.Equal(1, counts.InFlight);
        Assert.Equal(1, counts.Delayed);
    }

    [Fact]
    public async Task GetCounts_VisibilityTimeoutPasses_InFlightBecomesVisible()
    {
        var queue = Standard(_time);
        queue.Send("a");
        await queue.ReceiveOneAsync();

        _time.Advance(DefaultVisibility);

        Assert.Equal((1, 0), (queue.GetCounts().Visible, queue.GetCounts().InFlight));
    }

    [Fact]
    public async Task GetCounts_FifoMessagesBehindLockedGroup_CountedVisible()
    {
        var queue = Fifo(_time);
        queue.SendToGroup("a1", "g");
        queue.SendToGroup("a2", "g");
        await queue.ReceiveOneAsync();

        Assert.Equal((1, 1), (queue.GetCounts().Visible, queue.GetCounts().InFlight));
    }

    [Fact]
    public async Task GetCounts_OldestMessageAge_FollowsOldestUndeletedMessage()
    {
        var queue = Standard(_time);
        queue.Send("old");
        _time.Advance(TimeSpan.FromSeconds(10));
        queue.Send("new");
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(15), queue.GetCounts().OldestMessageAge);

        var old = (await queue.ReceiveNowAsync()).Single(m => m.Body == "old");
        Assert.Equal(TimeSpan.FromSeconds(15), queue.GetCounts().OldestMessageAge);
        queue.Delete(old.ReceiptHandle);

        Assert.Equal(TimeSpan.FromSeconds(5), queue.GetCounts().OldestMessageAge);
    }

    [Fact]
    public async Task GetCounts_DeadLetterQueue_AgeCountsFromTheMove()
    {
        var deadLetters = Standard(_time, name: "work-dlq");
        var queue = Standard(_time, new LocalQueueOptions { MaxReceiveCount = 1 }, deadLetters);
        var sentAt = _time.GetUtcNow();
        queue.Send("poison");
        await queue.ReceiveOneAsync();
        _time.Advance(DefaultVisibility);
        await queue.ReceiveNowAsync();
        _time.Advance(TimeSpan.FromSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(7), deadLetters.GetCounts().OldestMessageAge);
        Assert.Equal(sentAt, (await deadLetters.ReceiveOneAsync()).SentAt);
    }
}
