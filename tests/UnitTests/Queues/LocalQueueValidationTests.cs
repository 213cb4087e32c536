using LambdaWorkflow.Local.Queues;
using Microsoft.Extensions.Time.Testing;
using static LambdaWorkflow.UnitTests.Queues.QueueTestKit;

namespace LambdaWorkflow.UnitTests.Queues;

public sealed class LocalQueueValidationTests
{
    private readonly FakeTimeProvider _time = new();

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public async Task ReceiveAsync_MaxMessagesOutOfRange_Throws(int maxMessages)
    {
        var queue = Standard(_time);
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await queue.ReceiveAsync(maxMessages, TimeSpan.Zero));
        Assert.Equal("maxMessages", error.ParamName);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(21)]
    public async Task ReceiveAsync_WaitTimeOutOfRange_Throws(int seconds)
    {
        var queue = Standard(_time);
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await queue.ReceiveAsync(1, TimeSpan.FromSeconds(seconds)));
        Assert.Equal("waitTime", error.ParamName);
    }

    [Fact]
    public async Task ReceiveAsync_VisibilityTimeoutAboveTwelveHours_Throws()
    {
        var queue = Standard(_time);
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            async () => await queue.ReceiveAsync(1, TimeSpan.Zero, TimeSpan.FromHours(12) + TimeSpan.FromSeconds(1)));
        Assert.Equal("visibilityTimeout", error.ParamName);
    }

    [Fact]
    public void ChangeVisibility_TimeoutOutOfRange_Throws()
    {
        var queue = Standard(_time);
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.ChangeVisibility("handle", TimeSpan.FromHours(13)));
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.ChangeVisibility("handle", TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void Send_FifoWithoutGroupId_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Fifo(_time).Send("x", deduplicationId: "d"));
        Assert.Equal("groupId", error.ParamName);
    }

    [Fact]
    public void Send_FifoWithoutDeduplicationId_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Fifo(_time).Send("x", groupId: "g"));
        Assert.Equal("deduplicationId", error.ParamName);
    }

    [Fact]
    public void Send_FifoWithDelay_ThrowsNamingTheRule()
    {
        var error = Assert.Throws<ArgumentException>(
            () => Fifo(_time).Send("x", groupId: "g", deduplicationId: "d", delay: TimeSpan.FromSeconds(1)));
        Assert.Equal("delay", error.ParamName);
        Assert.Contains("per-message delay", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Send_StandardWithDeduplicationId_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Standard(_time).Send("x", deduplicationId: "d"));
        Assert.Equal("deduplicationId", error.ParamName);
    }

    [Fact]
    public async Task Send_StandardWithGroupId_AcceptedAndReported()
    {
        var queue = Standard(_time);
        queue.Send("x", groupId: "tenant-1");

        Assert.Equal("tenant-1", (await queue.ReceiveOneAsync()).GroupId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("ünïcode")]
    public void Send_InvalidGroupId_Throws(string groupId)
    {
        Assert.Throws<ArgumentException>(() => Fifo(_time).Send("x", groupId: groupId, deduplicationId: "d"));
    }

    [Fact]
    public void Send_GroupIdLongerThan128_Throws()
    {
        Assert.Throws<ArgumentException>(() => Fifo(_time).Send("x", groupId: new string('g', 129), deduplicationId: "d"));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(15 * 60 + 1)]
    public void Send_DelayOutOfRange_Throws(int seconds)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Standard(_time).Send("x", delay: TimeSpan.FromSeconds(seconds)));
        Assert.Equal("delay", error.ParamName);
    }

    [Fact]
    public void Send_DelayUpToConfiguredMaxDelay_Accepted()
    {
        var queue = Standard(_time, new LocalQueueOptions { MaxDelay = TimeSpan.FromHours(1) });
        queue.Send("x", delay: TimeSpan.FromHours(1));

        Assert.Equal(1, queue.GetCounts().Delayed);
    }

    [Fact]
    public void Send_EmptyBody_Throws()
    {
        Assert.Throws<ArgumentException>(() => Standard(_time).Send(""));
        Assert.Throws<ArgumentNullException>(() => Standard(_time).Send(null!));
    }

    [Fact]
    public void Send_MoreThanTenAttributes_Throws()
    {
        var attributes = Enumerable.Range(0, 11).ToDictionary(i => $"a{i}", i => "v");
        Assert.Throws<ArgumentException>(() => Standard(_time).Send("x", attributes));
    }

    [Theory]
    [InlineData("AWS.TraceHeader")]
    [InlineData("amazon.thing")]
    [InlineData("")]
    public void Send_ReservedOrEmptyAttributeName_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => Standard(_time).Send("x", new Dictionary<string, string> { [name] = "v" }));
    }

    [Fact]
    public void Send_EmptyAttributeValue_Throws()
    {
        Assert.Throws<ArgumentException>(() => Standard(_time).Send("x", new Dictionary<string, string> { ["a"] = "" }));
    }

    [Fact]
    public void Send_MessageLargerThanMaxSizeInUtf8_Throws()
    {
        var queue = Standard(_time, new LocalQueueOptions { MaxMessageSize = 1024 });

        queue.Send(new string('é', 512));
        var error = Assert.Throws<ArgumentException>(() => queue.Send(new string('é', 513)));
        Assert.Contains("1026 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Send_AttributesCountTowardsSize_Throws()
    {
        var queue = Standard(_time, new LocalQueueOptions { MaxMessageSize = 1024 });
        Assert.Throws<ArgumentException>(() => queue.Send(new string('x', 1000), new Dictionary<string, string> { ["name"] = new string('v', 30) }));
    }

    [Fact]
    public async Task Send_CallerChangesAttributesAfterSend_MessageUnchanged()
    {
        var queue = Standard(_time);
        var attributes = new Dictionary<string, string> { ["a"] = "1" };
        queue.Send("x", attributes);

        attributes["a"] = "2";
        attributes["b"] = "3";

        Assert.Equal(new Dictionary<string, string> { ["a"] = "1" }, (await queue.ReceiveOneAsync()).Attributes);
    }

    [Theory]
    [InlineData("inbox", true)]
    [InlineData("work.fifo", false)]
    [InlineData("has space", false)]
    [InlineData(".fifo", true)]
    public void Constructor_InvalidName_Throws(string name, bool fifo)
    {
        Assert.Throws<ArgumentException>(() => new LocalQueue(name, new LocalQueueOptions { Fifo = fifo }, _time));
    }

    [Fact]
    public void Constructor_NameLongerThan80_Throws()
    {
        Assert.Throws<ArgumentException>(() => new LocalQueue(new string('q', 81), new LocalQueueOptions(), _time));
        Assert.Equal(80, new LocalQueue(new string('q', 80), new LocalQueueOptions(), _time).Name.Length);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Standard(_time, new LocalQueueOptions { VisibilityTimeout = TimeSpan.FromHours(13) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Standard(_time, new LocalQueueOptions { DeduplicationWindow = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Standard(_time, new LocalQueueOptions { MaxDelay = TimeSpan.FromSeconds(-1) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Standard(_time, new LocalQueueOptions { MaxMessageSize = 0 }));
    }

    [Fact]
    public void Options_Defaults_MatchSqs()
    {
        var options = new LocalQueueOptions();

        Assert.False(options.Fifo);
        Assert.Equal(TimeSpan.FromSeconds(30), options.VisibilityTimeout);
        Assert.Null(options.MaxReceiveCount);
        Assert.Equal(TimeSpan.FromMinutes(5), options.DeduplicationWindow);
        Assert.Equal(TimeSpan.FromMinutes(15), options.MaxDelay);
        Assert.Equal(262_144, options.MaxMessageSize);
    }
}
