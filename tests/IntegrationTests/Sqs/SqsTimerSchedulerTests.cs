using Amazon.SQS.Model;
using LambdaWorkflow.Aws.Sqs;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.IntegrationTests.Emulators;
using LambdaWorkflow.Orchestrator.Publishing;
using Microsoft.Extensions.Time.Testing;

namespace LambdaWorkflow.IntegrationTests.Sqs;

/// <summary>Durable timers on SQS: delayed messages on a standard queue, relayed into the FIFO inbox when due.</summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class SqsTimerSchedulerTests(EmulatorFixture emulators)
{
    [Fact]
    public async Task ScheduleAsync_TimerDueInOneSecond_IsInvisibleUntilThen()
    {
        var timers = (await emulators.Host.CreateStandardQueueAsync(SqsTesting.UniqueName("timers"))).QueueUrl;
        var scheduler = new SqsTimerScheduler(emulators.Sqs, timers, SqsTesting.ImmediateRetries());

        await scheduler.ScheduleAsync([Timer("order-1", DateTimeOffset.UtcNow.AddSeconds(1))]);

        Assert.Equal("1", (await Attributes(timers))["ApproximateNumberOfMessagesDelayed"]);
        var received = await emulators.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = timers, WaitTimeSeconds = 10 });
        Assert.Equal("order-1#0", Assert.IsType<TimerFired>(InboxMessageReader.Parse(Assert.Single(received.Messages).Body)).TimerId);
    }

    [Fact]
    public async Task TimerRelay_TimerNotYetDue_HopsAgainWithTheLongestDelayAndReachesTheInboxOnlyWhenDue()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var timers = (await emulators.Host.CreateStandardQueueAsync(SqsTesting.UniqueName("hops"))).QueueUrl;
        var inbox = (await emulators.Host.CreateFifoQueueAsync(SqsTesting.UniqueName("timer-inbox"))).Queue.QueueUrl;
        var options = SqsTesting.ImmediateRetries();
        options.TimeProvider = clock;
        var scheduler = new SqsTimerScheduler(emulators.Sqs, timers, options);
        var relay = new TimerRelay(new SqsInboxSender(emulators.Sqs, inbox, options), scheduler, clock);
        var timer = Timer("order-2", clock.GetUtcNow().AddHours(1));

        var early = await relay.HandleBatchAsync([Message(timer)]);
        Assert.Equal(LambdaWorkflow.Contracts.Transport.MessageDisposition.Completed, early[0].Disposition);
        Assert.Equal("1", (await Attributes(timers))["ApproximateNumberOfMessagesDelayed"]); // hopped again, 900 s
        Assert.Equal("0", (await Attributes(inbox))["ApproximateNumberOfMessages"]);

        clock.Advance(TimeSpan.FromHours(1));
        await relay.HandleBatchAsync([Message(timer)]);

        var fired = InboxMessageReader.Parse(Assert.Single(await SqsTesting.DrainAsync(emulators.Sqs, inbox)).Body);
        Assert.Equal(timer, fired);
    }

    [Theory]
    [InlineData(-5, 0)]
    [InlineData(0.2, 1)]
    [InlineData(899.5, 900)]
    [InlineData(7200, 900)]
    public void DelayOf_Wait_IsWholeSecondsNeverEarlyAtMostFifteenMinutes(double seconds, int expected) =>
        Assert.Equal(expected, SqsTimerScheduler.DelayOf(TimeSpan.FromSeconds(seconds)));

    private static TimerFired Timer(string instance, DateTimeOffset fireAt) => new() { InstanceId = instance, TimerId = instance + "#0", FireAt = fireAt };

    private static LambdaWorkflow.Contracts.Transport.QueueMessage Message(TimerFired timer) =>
        new("t-" + timer.TimerId, InboxMessageReader.ToUtf8(timer), DateTimeOffset.UtcNow, 1);

    private async Task<Dictionary<string, string>> Attributes(string queueUrl) =>
        (await emulators.Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = queueUrl, AttributeNames = ["All"] })).Attributes;
}
