using LambdaWorkflow.Local.Queues;
using Microsoft.Extensions.Time.Testing;
using static LambdaWorkflow.UnitTests.Queues.QueueTestKit;

namespace LambdaWorkflow.UnitTests.Queues;

/// <summary>The compact deduplication record: ids are kept as 128-bit keys and message ids as GUIDs.</summary>
public sealed class LocalQueueDeduplicationTests
{
    private const string HexId = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private readonly FakeTimeProvider _time = new();

    [Theory]
    [InlineData(HexId)]
    [InlineData("order-42:step/7_(retry)~!@#$%^&*")]
    [InlineData("x")]
    public async Task Send_DuplicateWithinWindow_ReturnsOriginalIdAndSequence(string deduplicationId)
    {
        var queue = Fifo(_time);
        queue.SendToGroup("before", "g", "other");
        var original = queue.SendToGroup("first", "g", deduplicationId);
        queue.SendToGroup("after", "g", "another");
        _time.Advance(TimeSpan.FromMinutes(4));

        var duplicate = queue.SendToGroup("second", "g", deduplicationId);

        Assert.True(duplicate.IsDuplicate);
        Assert.Equal(original.MessageId, duplicate.MessageId);
        Assert.Equal(original.SequenceNumber, duplicate.SequenceNumber);
        Assert.Equal(["before", "first", "after"], (await queue.ReceiveNowAsync()).Bodies());
    }

    [Fact]
    public async Task Send_DuplicateMessageId_IsTheReceivedMessagesId()
    {
        var queue = Fifo(_time);
        queue.SendToGroup("first", "g", HexId);
        var received = await queue.ReceiveOneAsync();

        var duplicate = queue.SendToGroup("second", "g", HexId);

        Assert.Equal(received.MessageId, duplicate.MessageId);
    }

    [Theory]
    [InlineData(HexId, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdee")] // differ only after char 32
    [InlineData(HexId, "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF")] // same bits, other case
    [InlineData("dedup-1", "dedup-2")]
    [InlineData("a", "a.")]
    public async Task Send_DifferentIds_BothEnqueued(string first, string second)
    {
        var queue = Fifo(_time);
        var a = queue.SendToGroup("first", "g", first);

        var b = queue.SendToGroup("second", "g", second);

        Assert.False(b.IsDuplicate);
        Assert.NotEqual(a.MessageId, b.MessageId);
        Assert.Equal(["first", "second"], (await queue.ReceiveNowAsync()).Bodies());
    }

    [Fact]
    public void Send_ManyIdsAcrossWindows_EachExpiresOnItsOwnSchedule()
    {
        var queue = Fifo(_time, new LocalQueueOptions { Fifo = true, DeduplicationWindow = TimeSpan.FromSeconds(10) });
        var early = queue.SendToGroup("early", "g", "early");
        _time.Advance(TimeSpan.FromSeconds(6));
        var late = queue.SendToGroup("late", "g", "late");
        _time.Advance(TimeSpan.FromSeconds(4)); // early's window is over; late has 6 s left

        var earlyAgain = queue.SendToGroup("early again", "g", "early");
        var lateAgain = queue.SendToGroup("late again", "g", "late");

        Assert.False(earlyAgain.IsDuplicate);
        Assert.NotEqual(early.MessageId, earlyAgain.MessageId);
        Assert.True(lateAgain.IsDuplicate);
        Assert.Equal(late.MessageId, lateAgain.MessageId);

        // The re-sent id starts a window of its own.
        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(earlyAgain.MessageId, queue.SendToGroup("early third", "g", "early").MessageId);
        Assert.False(queue.SendToGroup("late third", "g", "late").IsDuplicate);
    }

    [Fact]
    public void KeyOf_SameId_SameKey_AndDistinctIds_DistinctKeys()
    {
        var keys = Enumerable.Range(0, 10_000).Select(i => DeduplicationCache.KeyOf($"id-{i}")).ToHashSet();

        Assert.Equal(10_000, keys.Count);
        Assert.Equal(DeduplicationCache.KeyOf(HexId), DeduplicationCache.KeyOf(string.Concat(HexId.AsSpan(0, 32), HexId.AsSpan(32))));
    }
}
