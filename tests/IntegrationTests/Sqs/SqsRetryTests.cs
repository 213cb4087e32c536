using Amazon.SQS;
using LambdaWorkflow.Aws.Sqs;
using LambdaWorkflow.IntegrationTests.Emulators;
using Microsoft.Extensions.Time.Testing;

namespace LambdaWorkflow.IntegrationTests.Sqs;

/// <summary>The adapters' retry pipeline: exponential backoff on the given clock, network errors, the caller's cancellation.</summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class SqsRetryTests(EmulatorFixture emulators)
{
    [Fact]
    public async Task SendAsync_ThrottledTwice_BacksOffExponentiallyOnTheGivenClock()
    {
        var inbox = (await emulators.Host.CreateFifoQueueAsync(SqsTesting.UniqueName("backoff"))).Queue.QueueUrl;
        using var sqs = new ScriptedSqsClient(emulators.Host);
        sqs.FailNextSend(ScriptedSqsClient.Throttled());
        sqs.FailNextSend(ScriptedSqsClient.Throttled());
        var clock = new FakeTimeProvider();
        var counter = new SqsRequestCounter();
        var sender = new SqsReplySender(sqs, new SqsAdapterOptions
        {
            Retry = new SqsRetryOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30), UseJitter = false },
            RequestCounter = counter,
            TimeProvider = clock,
        });

        var send = sender.SendAsync(inbox, SqsTesting.Event("slow-1", 1));
        await WaitUntilAsync(() => counter.Total == 1);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(50);
        Assert.Equal(1, counter.Total);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await WaitUntilAsync(() => counter.Total == 2);
        clock.Advance(TimeSpan.FromMilliseconds(1999));
        await Task.Delay(50);
        Assert.Equal(2, counter.Total);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await send;

        Assert.Equal(3, counter.Count(SqsOperations.SendMessage));
        Assert.Single(await SqsTesting.DrainAsync(emulators.Sqs, inbox));
    }

    [Fact]
    public async Task SendAsync_NetworkErrorThroughRetries_ThrowsTransientSqsExceptionWithTheCause()
    {
        var queue = (await emulators.Host.CreateStandardQueueAsync(SqsTesting.UniqueName("network"))).QueueUrl;
        using var sqs = new ScriptedSqsClient(emulators.Host);
        for (var i = 0; i < 2; i++)
        {
            sqs.FailNextSend(new HttpRequestException("connection reset"));
        }

        var counter = new SqsRequestCounter();
        var sender = new SqsReplySender(sqs, SqsTesting.ImmediateRetries(maxRetryAttempts: 1, counter: counter));

        var error = await Assert.ThrowsAsync<SqsException>(() => sender.SendAsync(queue, SqsTesting.Event("net-1", 1)));

        Assert.True(error.IsTransient);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Contains("net-1", error.FailedMessage, StringComparison.Ordinal);
        Assert.Equal(2, counter.Total);
    }

    [Fact]
    public async Task SendAsync_CallerCancels_StopsWithoutRetryingOrWrapping()
    {
        var queue = (await emulators.Host.CreateStandardQueueAsync(SqsTesting.UniqueName("cancel"))).QueueUrl;
        var counter = new SqsRequestCounter();
        var sender = new SqsReplySender(emulators.Sqs, SqsTesting.ImmediateRetries(counter: counter));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sender.SendAsync(queue, SqsTesting.Event("cancel-1", 1), cancelled.Token));

        Assert.True(counter.Total <= 1);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
