using LambdaWorkflow.Local.Queues;
using Microsoft.Extensions.Time.Testing;
using static LambdaWorkflow.UnitTests.Queues.QueueTestKit;

namespace LambdaWorkflow.UnitTests.Queues;

public sealed class LocalQueueDeadLetterTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task ReceiveAsync_ReceiveWouldExceedMaxReceiveCount_MovesMessageToDeadLetterQueue()
    {
        var deadLetters = Standard(_time, name: "work-dlq");
        var queue = Standard(_time, new LocalQueueOptions { MaxReceiveCount = 2 }, deadLetters);
        var sent = queue.Send("poison", new Dictionary<string, string> { ["kind"] = "order" });

        Assert.Equal(1, (await queue.ReceiveOneAsync()).ReceiveCount);
        _time.Advance(DefaultVisibility);
        Assert.Equal(2, (await queue.ReceiveOneAsync()).ReceiveCount);
        _time.Advance(DefaultVisibility);
        var third = await queue.ReceiveNowAsync();

        Assert.Empty(third);
        Assert.Equal(new QueueCounts(0, 0, 0, TimeSpan.Zero), queue.GetCounts());
        var dead = await deadLetters.ReceiveOneAsync();
        Assert.Equal(sent.MessageId, dead.MessageId);
        Assert.Equal("poison", dead.Body);
        Assert.Equal("order", dead.Attributes["kind"]);
        Assert.Equal("work", dead.Attributes[LocalQueue.DeadLetterSourceQueueAttribute]);
        Assert.Equal(1, dead.ReceiveCount);
    }

    [Fact]
    public async Task ReceiveAsync_HandleOfRedrivenMessage_IsStale()
    {
        var deadLetters = Standard(_time, name: "work-dlq");
        var queue = Standard(_time, new LocalQueueOptions { MaxReceiveCount = 1 }, deadLetters);
        queue.Send("poison");
        var received = await queue.ReceiveOneAsync();
        _time.Advance(DefaultVisibility);

        Assert.Empty(await queue.ReceiveNowAsync());
        Assert.False(queue.Delete(received.ReceiptHandle));
        Assert.Equal(1, deadLetters.GetCounts().Visible);
    }

    [Fact]
    public async Task ReceiveAsync_RedriveInBatch_DeliversTheOtherMessages()
    {
        var deadLetters = Standard(_time, name: "work-dlq");
        var queue = Standard(_time, new LocalQueueOptions { MaxReceiveCount = 1 }, deadLetters);
        queue.Send("poison");
        await queue.ReceiveOneAsync();
        _time.Advance(DefaultVisibility);
        queue.Send("fine");

        var batch = await queue.ReceiveNowAsync();

        Assert.Equal(["fine"], batch.Bodies());
        Assert.Equal(["poison"], (await deadLetters.ReceiveNowAsync()).Bodies());
    }

    [Fact]
    public async Task ReceiveAsync_FifoHeadRedriven_DeliversNextMessageOfGroup()
    {
        var deadLetters = Fifo(_time, name: "inbox-dlq.fifo");
        var queue = Fifo(_time, new LocalQueueOptions { Fifo = true, MaxReceiveCount = 1 }, deadLetters);
        queue.SendToGroup("a1", "g");
        queue.SendToGroup("a2", "g");
        Assert.Equal("a1", (await queue.ReceiveOneAsync()).Body);
        _time.Advance(DefaultVisibility);

        var batch = await queue.ReceiveNowAsync();

        Assert.Equal(["a2"], batch.Bodies());
        var dead = await deadLetters.ReceiveOneAsync();
        Assert.Equal("a1", dead.Body);
        Assert.Equal("g", dead.GroupId);
        Assert.Equal("inbox.fifo", dead.Attributes[LocalQueue.DeadLetterSourceQueueAttribute]);
    }

    [Fact]
    public async Task ReceiveAsync_FifoDeadLetters_KeepGroupOrder()
    {
        var deadLetters = Fifo(_time, name: "inbox-dlq.fifo");
        var queue = Fifo(_time, new LocalQueueOptions { Fifo = true, MaxReceiveCount = 1 }, deadLetters);
        queue.SendToGroup("a1", "g");
        queue.SendToGroup("a2", "g");
        queue.SendToGroup("a3", "g");
        Assert.Equal(3, (await queue.ReceiveNowAsync()).Count);
        _time.Advance(DefaultVisibility);

        Assert.Empty(await queue.ReceiveNowAsync());

        Assert.Equal(["a1", "a2", "a3"], (await deadLetters.ReceiveNowAsync()).Bodies());
    }

    [Fact]
    public async Task ReceiveAsync_DuplicateDeduplicationIdInDeadLetterQueue_StillMoved()
    {
        var deadLetters = Fifo(_time, name: "inbox-dlq.fifo");
        var queue = Fifo(_time, new LocalQueueOptions { Fifo = true, MaxReceiveCount = 1 }, deadLetters);
        deadLetters.SendToGroup("already there", "g", "d1");
        queue.SendToGroup("a1", "g", "d1");
        await queue.ReceiveOneAsync();
        _time.Advance(DefaultVisibility);

        await queue.ReceiveNowAsync();

        Assert.Equal(2, deadLetters.GetCounts().Visible);
    }

    [Fact]
    public async Task ReceiveAsync_ReceiverWaitingOnDeadLetterQueue_IsWoken()
    {
        var deadLetters = Standard(_time, name: "work-dlq");
        var queue = Standard(_time, new LocalQueueOptions { MaxReceiveCount = 1 }, deadLetters);
        queue.Send("poison");
        await queue.ReceiveOneAsync(TimeSpan.FromSeconds(5));
        var waiting = deadLetters.ReceiveAsync(1, TimeSpan.FromSeconds(20)).AsTask();
        _time.Advance(TimeSpan.FromSeconds(5));

        await queue.ReceiveNowAsync();

        Assert.Equal(["poison"], (await waiting.WaitAsync(HangGuard)).Bodies());
    }

    [Fact]
    public void Constructor_MaxReceiveCountWithoutDeadLetterQueue_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Standard(_time, new LocalQueueOptions { MaxReceiveCount = 3 }));
        Assert.Contains("dead-letter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DeadLetterQueueWithoutMaxReceiveCount_Throws()
    {
        var deadLetters = Standard(_time, name: "work-dlq");
        Assert.Throws<ArgumentException>(() => Standard(_time, new LocalQueueOptions(), deadLetters));
    }

    [Fact]
    public void Constructor_FifoQueueWithStandardDeadLetterQueue_Throws()
    {
        var deadLetters = Standard(_time, name: "work-dlq");
        Assert.Throws<ArgumentException>(() => Fifo(_time, new LocalQueueOptions { Fifo = true, MaxReceiveCount = 3 }, deadLetters));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Constructor_MaxReceiveCountOutOfRange_Throws(int maxReceiveCount)
    {
        var deadLetters = Standard(_time, name: "work-dlq");
        Assert.Throws<ArgumentOutOfRangeException>(() => Standard(_time, new LocalQueueOptions { MaxReceiveCount = maxReceiveCount }, deadLetters));
    }
}
