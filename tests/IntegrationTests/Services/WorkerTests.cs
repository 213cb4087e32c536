using LambdaWorkflow.Aws.Worker;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.Local.Idempotency;
using LambdaWorkflow.Local.Queues;
using LambdaWorkflow.ServiceHost;
using LambdaWorkflow.ServiceHost.Idempotency;
using Microsoft.Extensions.Time.Testing;

namespace LambdaWorkflow.IntegrationTests.Services;

/// <summary>The polling worker over embedded queues and a fake clock: concurrency, visibility, shutdown and dead letters, deterministically.</summary>
public sealed class WorkerTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly LocalQueueRegistry _queues;
    private readonly LocalWorkerQueue _sqs;
    private readonly InMemoryIdempotencyStore _store = new();
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _patience = new(Patience);
    private int _running;
    private int _maxRunning;
    private int _runs;
    private SqsPollingWorker? _worker;

    public WorkerTests()
    {
        _queues = new LocalQueueRegistry(_time);
        _queues.CreateQueue("lwf-ledger-dlq");
        _queues.CreateQueue("lwf-ledger", new LocalQueueOptions { VisibilityTimeout = TimeSpan.FromSeconds(30), MaxReceiveCount = 5 }, "lwf-ledger-dlq");
        _queues.CreateQueue("lwf-inbox");
        _sqs = new LocalWorkerQueue(_queues);
    }

    private LocalQueue Service => _queues.GetQueue("lwf-ledger");

    private LocalQueue Inbox => _queues.GetQueue("lwf-inbox");

    public async ValueTask DisposeAsync()
    {
        _gate.TrySetResult();
        if (_worker is not null)
        {
            // The grace period runs on the fake clock, which nobody advances after the test: bound the wait in real time.
            using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _worker.StopAsync(giveUp.Token);
            _worker.Dispose();
        }

        _patience.Dispose();
    }

    [Fact]
    public async Task Worker_HandlesAtMostMaxConcurrency_AndReceivesOnlyForFreeSlots()
    {
        for (var i = 0; i < 10; i++)
        {
            Service.Send(Calls.Body(i));
        }

        await StartAsync(new SqsWorkerOptions { QueueUrl = "lwf-ledger", MaxConcurrency = 4 });
        await UntilAsync(() => Volatile.Read(ref _running) == 4);
        await Task.Delay(50);
        Assert.Equal(4, _worker!.InFlight);
        _gate.SetResult();
        await UntilAsync(() => Service.GetCounts() is { Visible: 0, InFlight: 0 } && Inbox.GetCounts().Visible == 10);

        Assert.Equal(4, _maxRunning);
        Assert.Equal(10, _runs);
        Assert.All(_sqs.ReceiveSizes, size => Assert.InRange(size, 1, 4));
    }

    [Fact]
    public async Task Worker_LongHandler_VisibilityIsExtendedUntilItFinishes()
    {
        Service.Send(Calls.Body(1));
        await StartAsync(new SqsWorkerOptions { QueueUrl = "lwf-ledger", VisibilityTimeout = TimeSpan.FromSeconds(30) });
        await UntilAsync(() => Volatile.Read(ref _running) == 1);

        for (var tick = 1; tick <= 6; tick++)
        {
            _time.Advance(TimeSpan.FromSeconds(15));
            await UntilAsync(() => _sqs.VisibilityChanges.Count == tick);
        }

        // Three minutes in, six times the visibility timeout: still hidden, never handed to anyone else.
        Assert.Equal(0, Service.GetCounts().Visible);
        Assert.All(_sqs.VisibilityChanges, change => Assert.Equal(TimeSpan.FromSeconds(30), change.Visibility));
        _gate.SetResult();
        await UntilAsync(() => Service.GetCounts().InFlight == 0);
        Assert.Equal(1, _runs);
        Assert.Equal(1, Inbox.GetCounts().Visible);
    }

    [Fact]
    public async Task Worker_Stopping_LetsInFlightHandlersFinishWithinTheGracePeriod()
    {
        Service.Send(Calls.Body(1));
        await StartAsync(new SqsWorkerOptions { QueueUrl = "lwf-ledger" });
        await UntilAsync(() => Volatile.Read(ref _running) == 1);

        var stopping = _worker!.StopAsync(CancellationToken.None);
        await Task.Delay(20);
        Assert.False(stopping.IsCompleted);
        _gate.SetResult();
        await stopping.WaitAsync(_patience.Token);

        Assert.Equal(new QueueCounts(0, 0, 0, TimeSpan.Zero), Service.GetCounts());
        Assert.Equal(1, Inbox.GetCounts().Visible);
    }

    [Fact]
    public async Task Worker_Stopping_AfterTheGracePeriod_CancelsAndReleasesTheMessageAtOnce()
    {
        Service.Send(Calls.Body(1));
        await StartAsync(new SqsWorkerOptions { QueueUrl = "lwf-ledger", ShutdownGracePeriod = TimeSpan.FromSeconds(10) }, waitForCancellation: true);
        await UntilAsync(() => Volatile.Read(ref _running) == 1);

        var stopping = _worker!.StopAsync(CancellationToken.None);
        var waited = TimeSpan.Zero;
        while (!stopping.IsCompleted)
        {
            // The clock moves only once the drain waits on it, so the grace period is measured on the fake clock.
            await Task.Delay(5, _patience.Token);
            _time.Advance(TimeSpan.FromSeconds(1));
            waited += TimeSpan.FromSeconds(1);
        }

        await stopping;
        Assert.InRange(waited, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));

        Assert.Equal(1, Service.GetCounts().Visible);
        Assert.Equal(0, Inbox.GetCounts().Visible);
        Assert.Equal(0, _store.Count);
        Assert.Contains(_sqs.VisibilityChanges, change => change.Visibility == TimeSpan.Zero);
    }

    [Fact]
    public async Task Worker_PoisonInABatch_GoesToTheDlqWithItsReason_AndTheRestComplete()
    {
        Service.Send(Calls.Body(1));
        Service.Send("{\"detail-type\":\"CallRequested\",\"detail\":{}}", new Dictionary<string, string> { ["origin"] = "test" });
        var refund = Service.Send(Calls.Body(2, operation: "refund")).MessageId;
        Service.Send(Calls.Body(3));
        _gate.SetResult();

        await StartAsync(new SqsWorkerOptions { QueueUrl = "lwf-ledger" });
        await UntilAsync(() => Service.GetCounts() is { Visible: 0, InFlight: 0 });
        var dead = await _queues.GetQueue("lwf-ledger-dlq").ReceiveAsync(10, TimeSpan.Zero);

        Assert.Equal(2, dead.Count);
        var malformed = Assert.Single(dead, m => m.Attributes.ContainsKey("origin"));
        Assert.StartsWith("Not a valid CallRequested event: Field 'detail.instanceId' is missing", malformed.Attributes[DeadLetterAttributes.Reason], StringComparison.Ordinal);
        Assert.Equal("lwf-ledger", malformed.Attributes[DeadLetterAttributes.SourceQueue]);
        var unknown = Assert.Single(dead, m => !m.Attributes.ContainsKey("origin"));
        Assert.StartsWith("No handler is mapped for operation 'refund' of service 'ledger'", unknown.Attributes[DeadLetterAttributes.Reason], StringComparison.Ordinal);
        Assert.Equal(refund, unknown.Attributes[DeadLetterAttributes.OriginalMessageId]);
        Assert.Equal(2, Inbox.GetCounts().Visible);
    }

    [Fact]
    public async Task Worker_ReplyThatCannotBeSent_IsRetriedWithBackoffUntilTheLastReceive_ThenDeadLettered()
    {
        Service.Send(Calls.Body(1, replyTo: "no-such-queue"));
        _gate.SetResult();
        await StartAsync(new SqsWorkerOptions { QueueUrl = "lwf-ledger", RetryDelay = TimeSpan.FromSeconds(1) }, maxReceiveCount: 5);

        for (var receive = 1; receive < 5; receive++)
        {
            await UntilAsync(() => _sqs.VisibilityChanges.Count == receive);
            Assert.Equal(TimeSpan.FromSeconds(1 << (receive - 1)), _sqs.VisibilityChanges.Last().Visibility);
            _time.Advance(TimeSpan.FromSeconds(1 << (receive - 1)));
        }

        await UntilAsync(() => _queues.GetQueue("lwf-ledger-dlq").GetCounts().Visible == 1);
        var dead = Assert.Single(await _queues.GetQueue("lwf-ledger-dlq").ReceiveAsync(1, TimeSpan.Zero));
        Assert.StartsWith("Gave up after 5 receives; last failure: The reply to call ledger-00001#1 could not be sent to 'no-such-queue'", dead.Attributes[DeadLetterAttributes.Reason], StringComparison.Ordinal);
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task CallbackScheduler_CapsTheDelayAtFifteenMinutes()
    {
        var scheduler = new SqsCallbackTimeoutScheduler(_sqs, service => "lwf-" + service);

        await scheduler.ScheduleAsync("ledger", "{\"detail-type\":\"CallbackTimeoutCheck\"}", TimeSpan.FromMinutes(40));

        Assert.Equal(1, Service.GetCounts().Delayed);
        _time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(1, Service.GetCounts().Visible);
    }

    private async Task StartAsync(SqsWorkerOptions options, bool waitForCancellation = false, int? maxReceiveCount = null)
    {
        var registry = new ServiceRegistry().Map(Calls.Post, async (entry, _, cancellationToken) =>
        {
            Interlocked.Increment(ref _runs);
            var running = Interlocked.Increment(ref _running);
            InterlockedMax(ref _maxRunning, running);
            try
            {
                await (waitForCancellation ? Task.Delay(Timeout.Infinite, cancellationToken) : _gate.Task);
                return new LedgerPosted(entry.Number);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        });
        var dispatcher = new ServiceDispatcher(
            registry,
            new WorkerReplySender(_sqs),
            new ServiceDispatcherOptions
            {
                TimeProvider = _time,
                MaxReceiveCount = maxReceiveCount,
                DefaultRetry = new ServiceRetryOptions { MaxRetryAttempts = 0 },
                Idempotency = new IdempotencyOptions { Store = _store },
            });
        _worker = new SqsPollingWorker(_sqs, dispatcher, options, logger: null, _time);
        await _worker.StartAsync(CancellationToken.None);
    }

    private async Task UntilAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(2, _patience.Token);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

internal sealed record LedgerEntry(int Number);

internal sealed record LedgerPosted(int Number);

/// <summary>CallRequested bodies for the worker tests.</summary>
internal static class Calls
{
    public static readonly ServiceOperation<LedgerEntry, LedgerPosted> Post = new("ledger", "post");

    public static string Body(int number, string operation = "post", string replyTo = "lwf-inbox") => new CallRequestedEvent
    {
        Id = Guid.NewGuid().ToString(),
        Detail = new CallRequest
        {
            CallId = CallIds.Create(Instance(number), 1),
            InstanceId = Instance(number),
            Workflow = "bookkeeping",
            Service = "ledger",
            Operation = operation,
            ReplyTo = replyTo,
            Payload = JsonPayload.From(new LedgerEntry(number), Post.RequestType),
        },
    }.ToJson();

    private static string Instance(int number) => "ledger-" + number.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
}
