using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.ServiceHost;
using LambdaWorkflow.ServiceHost.Idempotency;
using LambdaWorkflow.UnitTests.ServiceHost;

namespace LambdaWorkflow.UnitTests.Services;

public sealed class IdempotentDispatchTests
{
    private readonly ServiceTestKit _kit = new();
    private int _runs;

    [Fact]
    public async Task HandleAsync_DuplicateOfAnsweredCall_ResendsRecordedReplyWithoutRunningHandler()
    {
        var dispatcher = _kit.Dispatcher(Counting());
        var message = CallMessages.Create();

        await dispatcher.HandleAsync(message);
        var outcome = await dispatcher.HandleAsync(ServiceTestKit.Again(message));

        Assert.Equal(MessageDisposition.Completed, outcome.Disposition);
        Assert.Equal(1, _runs);
        Assert.Equal(2, _kit.Replies.Sent.Count);
        Assert.Equal(InboxMessageReader.ToJson(_kit.Replies.Sent[0].Reply), InboxMessageReader.ToJson(_kit.Replies.Sent[1].Reply));
        Assert.Equal(1, _kit.Logger.Count(2010));
    }

    [Fact]
    public async Task HandleAsync_DuplicateOfFailedCall_ResendsRecordedFailure()
    {
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (_, _, _) =>
        {
            Interlocked.Increment(ref _runs);
            return Task.FromException<Reservation>(new ServiceException("OutOfStock", "none left"));
        });
        var dispatcher = _kit.Dispatcher(registry);

        await dispatcher.HandleAsync(CallMessages.Create());
        await dispatcher.HandleAsync(ServiceTestKit.Again(CallMessages.Create()));

        Assert.Equal(1, _runs);
        Assert.All(_kit.Replies.Sent, sent => Assert.Equal("OutOfStock", Assert.IsType<CallFailed>(sent.Reply).Error!.ErrorType));
    }

    [Fact]
    public async Task HandleAsync_ConcurrentDeliveries_OneRunsTheOtherComesBackWhenTheLeaseEnds()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new ServiceRegistry().Map(Inventory.Reserve, async (request, _, _) =>
        {
            Interlocked.Increment(ref _runs);
            entered.TrySetResult();
            await gate.Task;
            return await CallMessages.Reserve(request);
        });
        var dispatcher = _kit.Dispatcher(registry);

        var first = dispatcher.HandleAsync(CallMessages.Create());
        await entered.Task;
        _kit.Time.Advance(TimeSpan.FromSeconds(20));
        var second = await dispatcher.HandleAsync(CallMessages.Create() with { MessageId = "copy" });
        gate.SetResult();
        await first;

        Assert.Equal(MessageDisposition.Retry, second.Disposition);
        Assert.Equal(TimeSpan.FromSeconds(40), second.RetryAfter);
        Assert.Contains("another delivery", second.Reason, StringComparison.Ordinal);
        Assert.Equal(1, _runs);
        Assert.Single(_kit.Replies.Sent);
    }

    [Fact]
    public async Task HandleAsync_DeliveryDiedHoldingTheLease_CallRunsAgainOnlyAfterTheLeaseExpires()
    {
        var dispatcher = _kit.Dispatcher(Counting());
        var now = _kit.Time.GetUtcNow();
        await _kit.Store.TryCreateAsync(new IdempotencyRecord
        {
            Key = "inventory/order-1#1",
            Status = IdempotencyStatus.InProgress,
            Owner = "dead-delivery",
            LeaseExpiresAt = now.AddMinutes(1),
            ExpiresAt = now.AddDays(7),
        });

        var early = await dispatcher.HandleAsync(CallMessages.Create());
        _kit.Time.Advance(TimeSpan.FromMinutes(1));
        var late = await dispatcher.HandleAsync(CallMessages.Create());

        Assert.Equal(MessageDisposition.Retry, early.Disposition);
        Assert.Equal(TimeSpan.FromMinutes(1), early.RetryAfter);
        Assert.Equal(MessageDisposition.Completed, late.Disposition);
        Assert.Equal(1, _runs);
        Assert.Equal(1, _kit.Logger.Count(2012));
        Assert.Equal(IdempotencyStatus.Completed, (await _kit.Store.GetAsync("inventory/order-1#1"))!.Status);
    }

    [Fact]
    public async Task HandleAsync_HostStopsWhileHandlerRuns_ReleasesTheLeaseSoTheRedeliveryRunsAtOnce()
    {
        using var stop = new CancellationTokenSource();
        var registry = new ServiceRegistry().Map(Inventory.Reserve, async (request, _, cancellationToken) =>
        {
            if (Interlocked.Increment(ref _runs) == 1)
            {
                await stop.CancelAsync();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return await CallMessages.Reserve(request);
        });
        var dispatcher = _kit.Dispatcher(registry);

        var interrupted = await dispatcher.HandleAsync(CallMessages.Create(), stop.Token);
        var redelivered = await dispatcher.HandleAsync(ServiceTestKit.Again(CallMessages.Create()));

        Assert.Equal(MessageDisposition.Retry, interrupted.Disposition);
        Assert.Equal(MessageDisposition.Completed, redelivered.Disposition);
        Assert.Equal(2, _runs);
        Assert.Single(_kit.Replies.Sent);
    }

    [Fact]
    public async Task HandleAsync_ReplySendFailed_RedeliveryResendsTheRecordedReplyWithoutRunningTheHandler()
    {
        var failures = 1;
        _kit.Replies.Failure = _ => Interlocked.Decrement(ref failures) >= 0 ? new HttpRequestException("inbox unreachable") : null;
        var dispatcher = _kit.Dispatcher(Counting());

        var first = await dispatcher.HandleAsync(CallMessages.Create());
        var second = await dispatcher.HandleAsync(ServiceTestKit.Again(CallMessages.Create()));

        Assert.Equal(MessageDisposition.Retry, first.Disposition);
        Assert.Equal(MessageDisposition.Completed, second.Disposition);
        Assert.Equal(1, _runs);
        Assert.IsType<CallCompleted>(_kit.Replies.Single<CallCompleted>());
    }

    [Fact]
    public async Task HandleAsync_RecordPastItsRetention_RunsTheCallAgain()
    {
        var dispatcher = _kit.Dispatcher(Counting(), options => options.Idempotency.Retention = TimeSpan.FromHours(1));

        await dispatcher.HandleAsync(CallMessages.Create());
        _kit.Time.Advance(TimeSpan.FromHours(1));
        await dispatcher.HandleAsync(ServiceTestKit.Again(CallMessages.Create()));

        Assert.Equal(2, _runs);
    }

    [Fact]
    public async Task HandleAsync_LeaseTakenOverWhileRunning_TheFirstRecordedAnswerStands()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new ServiceRegistry().Map(Inventory.Reserve, async (request, _, _) =>
        {
            var run = Interlocked.Increment(ref _runs);
            if (run == 1)
            {
                entered.SetResult();
                await release.Task;
            }

            return new Reservation("run-" + run, request.Quantity);
        });
        var dispatcher = _kit.Dispatcher(registry);

        var slow = dispatcher.HandleAsync(CallMessages.Create());
        await entered.Task;
        _kit.Time.Advance(TimeSpan.FromMinutes(2));
        var takeover = await dispatcher.HandleAsync(CallMessages.Create() with { MessageId = "copy" });
        release.SetResult();
        var overran = await slow;

        // The overrunning delivery ran its effect too (the lease was too short for it), but it does not contradict the answer.
        Assert.Equal(MessageDisposition.Completed, takeover.Disposition);
        Assert.Equal(MessageDisposition.Completed, overran.Disposition);
        Assert.All(_kit.Replies.Sent, sent => Assert.Equal("run-2", Assert.IsType<CallCompleted>(sent.Reply).Result.Deserialize(Inventory.Reserve.ResponseType).ReservationId));
    }

    [Fact]
    public async Task HandleAsync_StoreUnavailable_RetriesWithoutRunningOrReplying()
    {
        var dispatcher = new ServiceDispatcher(Counting(), _kit.Replies, _kit.Options(o => o.Idempotency.Store = new UnavailableStore()), _kit.Logger);

        var outcome = await dispatcher.HandleAsync(CallMessages.Create());

        Assert.Equal(MessageDisposition.Retry, outcome.Disposition);
        Assert.Contains("store is down", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(0, _runs);
        Assert.Empty(_kit.Replies.Sent);
    }

    [Fact]
    public async Task HandleAsync_OperationLeaseFromOptions_IsTheLeaseOfThatOperation()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new ServiceRegistry().Map(Inventory.Reserve, async (request, _, _) =>
        {
            entered.SetResult();
            await gate.Task;
            return await CallMessages.Reserve(request);
        });
        var dispatcher = _kit.Dispatcher(registry, options => options.Operations["Inventory.Reserve"] = new ServiceOperationOptions { Lease = TimeSpan.FromMinutes(9) });

        var running = dispatcher.HandleAsync(CallMessages.Create());
        await entered.Task;
        var record = await _kit.Store.GetAsync("inventory/order-1#1");
        gate.SetResult();
        await running;

        Assert.Equal(_kit.Time.GetUtcNow().AddMinutes(9), record!.LeaseExpiresAt);
    }

    [Fact]
    public async Task HandleAsync_WithoutStore_EveryDeliveryRunsTheHandler()
    {
        var dispatcher = _kit.Dispatcher(Counting(), options => options.Idempotency.Store = null);

        await dispatcher.HandleAsync(CallMessages.Create());
        await dispatcher.HandleAsync(ServiceTestKit.Again(CallMessages.Create()));

        Assert.Equal(2, _runs);
    }

    private ServiceRegistry Counting() => new ServiceRegistry().Map(Inventory.Reserve, (request, _, _) =>
    {
        Interlocked.Increment(ref _runs);
        return CallMessages.Reserve(request);
    });

    private sealed class UnavailableStore : IIdempotencyStore
    {
        public Task<IdempotencyRecord?> GetAsync(string key, CancellationToken cancellationToken = default) => throw Down();

        public Task<bool> TryCreateAsync(IdempotencyRecord record, CancellationToken cancellationToken = default) => throw Down();

        public Task<bool> TryReplaceAsync(IdempotencyRecord record, long expectedVersion, CancellationToken cancellationToken = default) => throw Down();

        public Task<bool> TryDeleteAsync(string key, long expectedVersion, CancellationToken cancellationToken = default) => throw Down();

        private static TimeoutException Down() => new("The store is down.");
    }
}
