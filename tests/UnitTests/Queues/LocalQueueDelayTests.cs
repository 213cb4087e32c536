using LambdaWorkflow.Local.Queues;
using Microsoft.Extensions.Time.Testing;
using static LambdaWorkflow.UnitTests.Queues.QueueTestKit;

namespace LambdaWorkflow.UnitTests.Queues;

public sealed class LocalQueueDelayTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Send_WithDelay_VisibleOnlyAfterDelay()
    {
        var queue = Standard(_time);
        queue.Send("later", delay: TimeSpan.FromSeconds(10));

        Assert.Empty(await queue.ReceiveNowAsync());
        _time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromMilliseconds(1));
        Assert.Empty(await queue.ReceiveNowAsync());
        _time.Advance(TimeSpan.FromMilliseconds(1));

        var received = await queue.ReceiveOneAsync();
        Assert.Equal("later", received.Body);
        Assert.Equal(1, received.ReceiveCount);
    }

    [Fact]
    public async Task Send_DelayedAndImmediate_ImmediateDeliveredFirst()
    {
        var queue = Standard(_time);
        queue.Send("later", delay: TimeSpan.FromSeconds(1));
        queue.Send("now");

        Assert.Equal(["now"], (await queue.ReceiveNowAsync()).Bodies());
    }

    [Fact]
    public async Task Send_DelaysOutOfOrder_EachVisibleAtItsOwnTime()
    {
        var queue = Standard(_time);
        queue.Send("c", delay: TimeSpan.FromSeconds(30));
        queue.Send("a", delay: TimeSpan.FromSeconds(10));
        queue.Send("b", delay: TimeSpan.FromSeconds(20));

        _time.Advance(TimeSpan.FromSeconds(10));
        var first = await queue.ReceiveNowAsync();
        _time.Advance(TimeSpan.FromSeconds(10));
        var second = await queue.ReceiveNowAsync();
        _time.Advance(TimeSpan.FromSeconds(10));
        var third = await queue.ReceiveNowAsync();

        Assert.Equal(["a"], first.Bodies());
        Assert.Equal(["b"], second.Bodies());
        Assert.Equal(["c"], third.Bodies());
    }

    [Fact]
    public void Send_WithDelay_CountedAsDelayedUntilDue()
    {
        var queue = Standard(_time);
        queue.Send("later", delay: TimeSpan.FromMinutes(15));

        Assert.Equal(new QueueCounts(0, 0, 1, TimeSpan.Zero), queue.GetCounts());
        _time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(new QueueCounts(1, 0, 0, TimeSpan.FromMinutes(15)), queue.GetCounts());
    }
}
