using LambdaWorkflow.Local.Queues;
using Microsoft.Extensions.Time.Testing;
using static LambdaWorkflow.UnitTests.Queues.QueueTestKit;

namespace LambdaWorkflow.UnitTests.Queues;

public sealed class LocalQueueVisibilityTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task ReceiveAsync_VisibilityTimeoutPassed_RedeliversWithNewHandleAndHigherCount()
    {
        var queue = Standard(_time);
        var sent = queue.Send("hello");

        var first = await queue.ReceiveOneAsync();
        _time.Advance(DefaultVisibility);
        var second = await queue.ReceiveOneAsync();

        Assert.Equal(sent.MessageId, first.MessageId);
        Assert.Equal(1, first.ReceiveCount);
        Assert.Equal(sent.MessageId, second.MessageId);
        Assert.Equal(2, second.ReceiveCount);
        Assert.NotEqual(first.ReceiptHandle, second.ReceiptHandle);
        Assert.Equal(first.FirstReceivedAt, second.FirstReceivedAt);
        Assert.Equal("hello", second.Body);
    }

    [Fact]
    public async Task ReceiveAsync_BeforeVisibilityTimeoutPasses_ReturnsNothing()
    {
        var queue = Standard(_time);
        queue.Send("hello");
        await queue.ReceiveOneAsync();

        _time.Advance(DefaultVisibility - TimeSpan.FromMilliseconds(1));

        Assert.Empty(await queue.ReceiveNowAsync());
    }

    [Fact]
    public async Task ReceiveAsync_VisibilityTimeoutGiven_OverridesQueueDefault()
    {
        var queue = Standard(_time);
        queue.Send("hello");
        await queue.ReceiveOneAsync(TimeSpan.FromSeconds(5));

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(2, (await queue.ReceiveOneAsync()).ReceiveCount);
    }

    [Fact]
    public async Task Delete_StaleHandleAfterRedelivery_ReturnsFalse()
    {
        var queue = Standard(_time);
        queue.Send("hello");
        var first = await queue.ReceiveOneAsync();
        _time.Advance(DefaultVisibility);
        var second = await queue.ReceiveOneAsync();

        Assert.False(queue.Delete(first.ReceiptHandle));
        Assert.Equal(1, queue.GetCounts().InFlight);
        Assert.True(queue.Delete(second.ReceiptHandle));
        Assert.Equal(new QueueCounts(0, 0, 0, TimeSpan.Zero), queue.GetCounts());
    }

    [Fact]
    public async Task Delete_HandleAfterTimeoutBeforeRedelivery_DeletesMessage()
    {
        var queue = Standard(_time);
        queue.Send("hello");
        var received = await queue.ReceiveOneAsync();
        _time.Advance(DefaultVisibility + TimeSpan.FromSeconds(1));

        Assert.True(queue.Delete(received.ReceiptHandle));
        Assert.Empty(await queue.ReceiveNowAsync());
        Assert.Equal(0, queue.GetCounts().Visible);
    }

    [Fact]
    public async Task Delete_SameHandleTwice_ReturnsFalseTheSecondTime()
    {
        var queue = Standard(_time);
        queue.Send("hello");
        var received = await queue.ReceiveOneAsync();

        Assert.True(queue.Delete(received.ReceiptHandle));
        Assert.False(queue.Delete(received.ReceiptHandle));
    }

    [Fact]
    public void Delete_UnknownHandle_ReturnsFalse()
    {
        var queue = Standard(_time);
        queue.Send("hello");

        Assert.False(queue.Delete("no-such-handle"));
        Assert.Equal(1, queue.GetCounts().Visible);
    }

    [Fact]
    public async Task Delete_HandleOfAnotherQueue_ReturnsFalse()
    {
        var queue = Standard(_time);
        var other = Standard(_time, name: "other");
        queue.Send("hello");
        other.Send("hello");
        var received = await queue.ReceiveOneAsync();

        Assert.False(other.Delete(received.ReceiptHandle));
        Assert.True(queue.Delete(received.ReceiptHandle));
    }

    [Fact]
    public async Task ChangeVisibility_Zero_MakesMessageVisibleAtOnce()
    {
        var queue = Standard(_time);
        queue.Send("hello");
        var first = await queue.ReceiveOneAsync();

        Assert.True(queue.ChangeVisibility(first.ReceiptHandle, TimeSpan.Zero));
        var second = await queue.ReceiveOneAsync();

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(2, second.ReceiveCount);
    }

    [Fact]
    public async Task ChangeVisibility_Extended_KeepsMessageHiddenPastQueueTimeout()
    {
        var queue = Standard(_time);
        queue.Send("hello");
        var received = await queue.ReceiveOneAsync();
        _time.Advance(TimeSpan.FromSeconds(20));

        Assert.True(queue.ChangeVisibility(received.ReceiptHandle, TimeSpan.FromSeconds(60)));
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(await queue.ReceiveNowAsync());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(await queue.ReceiveNowAsync());
    }

    [Fact]
    public async Task ChangeVisibility_Shortened_CountsFromNow()
    {
        var queue = Standard(_time);
        queue.Send("hello");
        var received = await queue.ReceiveOneAsync();
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.True(queue.ChangeVisibility(received.ReceiptHandle, TimeSpan.FromSeconds(5)));
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Single(await queue.ReceiveNowAsync());
    }

    [Fact]
    public async Task ChangeVisibility_MessageVisibleAgain_ReturnsFalse()
    {
        var queue = Standard(_time);
        queue.Send("hello");
        var received = await queue.ReceiveOneAsync();
        _time.Advance(DefaultVisibility);

        Assert.False(queue.ChangeVisibility(received.ReceiptHandle, TimeSpan.FromMinutes(5)));
        Assert.Single(await queue.ReceiveNowAsync());
    }

    [Fact]
    public async Task ChangeVisibility_DeletedMessage_ReturnsFalse()
    {
        var queue = Standard(_time);
        queue.Send("hello");
        var received = await queue.ReceiveOneAsync();
        queue.Delete(received.ReceiptHandle);

        Assert.False(queue.ChangeVisibility(received.ReceiptHandle, TimeSpan.Zero));
        Assert.Empty(await queue.ReceiveNowAsync());
    }

    [Fact]
    public async Task ReceiveAsync_ManyVisibilityChanges_RedeliversOnlyAtLatestDeadline()
    {
        // Exercises the deadline heap's lazy removal and compaction: only the last schedule counts.
        var queue = Standard(_time);
        queue.Send("hello");
        var received = await queue.ReceiveOneAsync();
        for (int i = 1; i <= 500; i++)
        {
            Assert.True(queue.ChangeVisibility(received.ReceiptHandle, TimeSpan.FromSeconds(i % 7 == 0 ? 1 : 100)));
        }

        Assert.True(queue.ChangeVisibility(received.ReceiptHandle, TimeSpan.FromSeconds(50)));
        _time.Advance(TimeSpan.FromSeconds(49));
        Assert.Empty(await queue.ReceiveNowAsync());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, (await queue.ReceiveOneAsync()).ReceiveCount);
    }
}
