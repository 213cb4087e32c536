using LambdaWorkflow.Local.Queues;
using Microsoft.Extensions.Time.Testing;
using static LambdaWorkflow.UnitTests.Queues.QueueTestKit;

namespace LambdaWorkflow.UnitTests.Queues;

public sealed class LocalQueueFifoTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task ReceiveAsync_OneGroup_DeliversInSendOrder()
    {
        var queue = Fifo(_time);
        for (int i = 0; i < 5; i++)
        {
            queue.SendToGroup($"m{i}", "g");
        }

        var batch = await queue.ReceiveNowAsync();

        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], batch.Bodies());
        Assert.Equal(batch.Select(m => m.SequenceNumber).Order(), batch.Select(m => m.SequenceNumber));
        Assert.All(batch, m => Assert.Equal("g", m.GroupId));
    }

    [Fact]
    public async Task ReceiveAsync_GroupInFlight_HoldsLaterMessagesUntilDeleted()
    {
        var queue = Fifo(_time);
        queue.SendToGroup("a1", "g");
        queue.SendToGroup("a2", "g");

        var first = await queue.ReceiveOneAsync();
        var whileLocked = await queue.ReceiveNowAsync();
        queue.Delete(first.ReceiptHandle);
        var afterDelete = await queue.ReceiveNowAsync();

        Assert.Equal("a1", first.Body);
        Assert.Empty(whileLocked);
        Assert.Equal(["a2"], afterDelete.Bodies());
    }

    [Fact]
    public async Task ReceiveAsync_GroupHeadVisibilityPasses_RedeliversHeadBeforeLaterMessages()
    {
        var queue = Fifo(_time);
        queue.SendToGroup("a1", "g");
        queue.SendToGroup("a2", "g");
        await queue.ReceiveOneAsync();
        _time.Advance(DefaultVisibility);

        var again = await queue.ReceiveOneAsync();
        queue.Delete(again.ReceiptHandle);
        var next = await queue.ReceiveOneAsync();

        Assert.Equal("a1", again.Body);
        Assert.Equal(2, again.ReceiveCount);
        Assert.Equal("a2", next.Body);
    }

    [Fact]
    public async Task ReceiveAsync_EarlierMessageVisibleButLaterInFlight_GroupStaysLocked()
    {
        var queue = Fifo(_time);
        queue.SendToGroup("a1", "g");
        queue.SendToGroup("a2", "g");
        var batch = await queue.ReceiveNowAsync();
        Assert.True(queue.ChangeVisibility(batch[0].ReceiptHandle, TimeSpan.Zero));

        var whileA2InFlight = await queue.ReceiveNowAsync();
        queue.Delete(batch[1].ReceiptHandle);
        var afterA2Deleted = await queue.ReceiveNowAsync();

        Assert.Empty(whileA2InFlight);
        Assert.Equal(["a1"], afterA2Deleted.Bodies());
        Assert.Equal(2, afterA2Deleted[0].ReceiveCount);
    }

    [Fact]
    public async Task ReceiveAsync_IndependentGroups_DeliveredInOneReceive()
    {
        var queue = Fifo(_time);
        queue.SendToGroup("a1", "g1");
        queue.SendToGroup("b1", "g2");
        queue.SendToGroup("a2", "g1");
        queue.SendToGroup("c1", "g3");

        var batch = await queue.ReceiveNowAsync();

        Assert.Equal(["a1", "a2", "b1", "c1"], batch.Bodies().Order(StringComparer.Ordinal));
        Assert.Equal(["a1", "a2"], batch.Where(m => m.GroupId == "g1").Bodies());
    }

    [Fact]
    public async Task ReceiveAsync_OneGroupLocked_OtherGroupsStillDelivered()
    {
        var queue = Fifo(_time);
        queue.SendToGroup("a1", "g1");
        queue.SendToGroup("a2", "g1");
        queue.SendToGroup("b1", "g2");
        Assert.Equal("a1", (await queue.ReceiveOneAsync()).Body);

        var batch = await queue.ReceiveNowAsync();

        Assert.Equal(["b1"], batch.Bodies());
    }

    [Fact]
    public async Task ReceiveAsync_MaxMessagesReachedInsideGroup_RestWaitsForGroup()
    {
        var queue = Fifo(_time);
        queue.SendToGroup("a1", "g");
        queue.SendToGroup("a2", "g");
        queue.SendToGroup("a3", "g");

        var first = await queue.ReceiveNowAsync(maxMessages: 2);
        var second = await queue.ReceiveNowAsync();
        foreach (var message in first)
        {
            queue.Delete(message.ReceiptHandle);
        }

        var third = await queue.ReceiveNowAsync();

        Assert.Equal(["a1", "a2"], first.Bodies());
        Assert.Empty(second);
        Assert.Equal(["a3"], third.Bodies());
    }

    [Fact]
    public async Task ReceiveAsync_GroupEmptiedAndReused_DeliversNewMessages()
    {
        var queue = Fifo(_time);
        queue.SendToGroup("a1", "g");
        queue.Delete((await queue.ReceiveOneAsync()).ReceiptHandle);

        queue.SendToGroup("a2", "g");

        Assert.Equal(["a2"], (await queue.ReceiveNowAsync()).Bodies());
    }

    [Fact]
    public async Task Send_DuplicateWithinWindow_AcceptedButNotEnqueued()
    {
        var queue = Fifo(_time);
        var original = queue.SendToGroup("first", "g", "dedup-1");
        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));

        var duplicate = queue.SendToGroup("second", "g", "dedup-1");

        Assert.False(original.IsDuplicate);
        Assert.True(duplicate.IsDuplicate);
        Assert.Equal(original.MessageId, duplicate.MessageId);
        Assert.Equal(original.SequenceNumber, duplicate.SequenceNumber);
        Assert.Equal(["first"], (await queue.ReceiveNowAsync()).Bodies());
    }

    [Fact]
    public async Task Send_DuplicateAfterOriginalDeleted_StillSuppressedWithinWindow()
    {
        var queue = Fifo(_time);
        queue.SendToGroup("first", "g", "dedup-1");
        queue.Delete((await queue.ReceiveOneAsync()).ReceiptHandle);

        var duplicate = queue.SendToGroup("second", "g", "dedup-1");

        Assert.True(duplicate.IsDuplicate);
        Assert.Empty(await queue.ReceiveNowAsync());
    }

    [Fact]
    public void Send_SameDeduplicationIdInAnotherGroup_IsDuplicate()
    {
        var queue = Fifo(_time);
        queue.SendToGroup("first", "g1", "dedup-1");

        Assert.True(queue.SendToGroup("second", "g2", "dedup-1").IsDuplicate);
    }

    [Fact]
    public async Task Send_SameDeduplicationIdAfterWindow_Enqueued()
    {
        var queue = Fifo(_time);
        var original = queue.SendToGroup("first", "g", "dedup-1");
        _time.Advance(TimeSpan.FromMinutes(5));

        var again = queue.SendToGroup("second", "g", "dedup-1");

        Assert.False(again.IsDuplicate);
        Assert.NotEqual(original.MessageId, again.MessageId);
        Assert.Equal(["first", "second"], (await queue.ReceiveNowAsync()).Bodies());
    }

    [Fact]
    public void Send_CustomDeduplicationWindow_Honoured()
    {
        var queue = Fifo(_time, new LocalQueueOptions { Fifo = true, DeduplicationWindow = TimeSpan.FromSeconds(10) });
        queue.SendToGroup("first", "g", "dedup-1");
        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.True(queue.SendToGroup("again", "g", "dedup-1").IsDuplicate);

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(queue.SendToGroup("later", "g", "dedup-1").IsDuplicate);
    }

    [Fact]
    public async Task ReceiveAsync_ManyGroupsOneLockedWithLongBacklog_DeliversOthers()
    {
        var queue = Fifo(_time);
        for (int i = 0; i < 1000; i++)
        {
            queue.SendToGroup($"busy{i}", "busy");
        }

        queue.SendToGroup("x", "other");
        Assert.Equal(10, (await queue.ReceiveNowAsync()).Count(m => m.GroupId == "busy"));

        Assert.Equal(["x"], (await queue.ReceiveNowAsync()).Bodies());
    }
}
