using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.ServiceHost;
using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.UnitTests.ServiceHost;

public sealed class ServiceDispatcherTests
{
    private readonly RecordingReplySender _replies = new();

    [Fact]
    public async Task HandleAsync_HandlerSucceeds_RepliesCallCompletedToReplyTo()
    {
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (request, _, _) => CallMessages.Reserve(request));
        var dispatcher = CallMessages.Dispatcher(registry, _replies);

        var outcome = await dispatcher.HandleAsync(CallMessages.Create(instanceId: "order-7", callNumber: 3, attempt: 2));

        Assert.Equal(MessageDisposition.Completed, outcome.Disposition);
        Assert.Equal("msg-order-7-3", outcome.MessageId);
        var (replyTo, reply) = Assert.Single(_replies.Sent);
        Assert.Equal(CallMessages.ReplyTo, replyTo);
        var completed = Assert.IsType<CallCompleted>(reply);
        Assert.Equal("order-7", completed.InstanceId);
        Assert.Equal("order-7#3", completed.CallId);
        Assert.Equal(2, completed.Attempt);
        Assert.Equal(new Reservation("res-A-1", 2), completed.Result.Deserialize(Inventory.Reserve.ResponseType));
        completed.Validate();
    }

    [Fact]
    public async Task HandleAsync_InterfaceHandler_GetsCallContext()
    {
        var handler = new CapturingHandler();
        var registry = new ServiceRegistry().Map(Inventory.Reserve, handler);
        var dispatcher = CallMessages.Dispatcher(registry, _replies);

        await dispatcher.HandleAsync(CallMessages.Create(instanceId: "order-9", callNumber: 4, attempt: 3));

        var (request, context) = Assert.Single(handler.Calls);
        Assert.Equal(new ReserveStock("A-1", 2), request);
        Assert.Equal("order-9#4", context.CallId);
        Assert.Equal("order-9", context.InstanceId);
        Assert.Equal("order-fulfillment", context.Workflow);
        Assert.Equal("inventory", context.Service);
        Assert.Equal("reserve", context.Operation);
        Assert.Equal(3, context.Attempt);
        Assert.Equal(1, context.ExecutionAttempt);
        Assert.Equal(CallMessages.RequestedAt, context.RequestedAt);
        Assert.Equal(CallMessages.TraceParent, context.TraceParent);
    }

    [Fact]
    public async Task HandleAsync_ServiceException_RepliesCallFailedWithErrorTypeWithoutRetrying()
    {
        var calls = 0;
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (_, _, _) =>
        {
            calls++;
            throw new ServiceException("OutOfStock", "Only 1 of A-1 left.");
        });
        var dispatcher = CallMessages.Dispatcher(registry, _replies);

        var outcome = await dispatcher.HandleAsync(CallMessages.Create(attempt: 2));

        Assert.Equal(MessageDisposition.Completed, outcome.Disposition);
        Assert.Equal(1, calls);
        var failed = _replies.Single<CallFailed>();
        Assert.Equal("order-1#1", failed.CallId);
        Assert.Equal(2, failed.Attempt);
        Assert.Equal(new FailureDetails("OutOfStock", "Only 1 of A-1 left."), failed.Error);
        failed.Validate();
    }

    [Fact]
    public async Task HandleAsync_UnexpectedPermanentException_RepliesItsTypeNameAndStackTrace()
    {
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (_, _, _) => ThrowingAsync());
        var dispatcher = CallMessages.Dispatcher(registry, _replies);

        await dispatcher.HandleAsync(CallMessages.Create());

        var error = _replies.Single<CallFailed>().Error!;
        Assert.Equal(nameof(NotSupportedException), error.ErrorType);
        Assert.Equal("no backorders", error.Message);
        Assert.Contains(nameof(ThrowingAsync), error.StackTrace, StringComparison.Ordinal);

        static async Task<Reservation> ThrowingAsync()
        {
            await Task.Yield();
            throw new NotSupportedException("no backorders");
        }
    }

    [Theory]
    [InlineData("not json", "Field '$'")]
    [InlineData("""{"detail-type":"CallRequested","detail":{"instanceId":"order-1","workflow":"w","service":"inventory","operation":"reserve","attempt":1,"replyTo":"q","payload":{}}}""", "'detail.callId' is missing")]
    [InlineData("""{"detail-type":"TimerFired","detail":{}}""", "'detail-type'")]
    public async Task HandleAsync_MalformedBody_DeadLettersNamingTheField(string body, string expectedReason)
    {
        var logger = new RecordingLogger();
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (request, _, _) => CallMessages.Reserve(request));
        var dispatcher = CallMessages.Dispatcher(registry, _replies, logger: logger);

        var outcome = await dispatcher.HandleAsync(CallMessages.Raw(body, "poison"));

        Assert.Equal(MessageDisposition.DeadLetter, outcome.Disposition);
        Assert.Equal("poison", outcome.MessageId);
        Assert.Contains(expectedReason, outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(_replies.Sent);
        Assert.Contains(logger.Entries, e => e is { Level: LogLevel.Error, EventId: 2002 });
    }

    [Fact]
    public async Task HandleAsync_UnknownOperation_DeadLettersNamingServiceAndOperation()
    {
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (request, _, _) => CallMessages.Reserve(request));
        var dispatcher = CallMessages.Dispatcher(registry, _replies);

        var outcome = await dispatcher.HandleAsync(CallMessages.Create(service: "inventory", operation: "restock"));

        Assert.Equal(MessageDisposition.DeadLetter, outcome.Disposition);
        Assert.Contains("'restock'", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("'inventory'", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(_replies.Sent);
    }

    [Theory]
    [InlineData("""{"sku":"A-1","quantity":"two"}""", "'quantity'")]
    [InlineData("""[1,2]""", "Field '$'")]
    [InlineData("null", "is null")]
    public async Task HandleAsync_UnreadableRequest_RepliesInvalidRequestWithoutRunningHandler(string payload, string expectedMessage)
    {
        var calls = 0;
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (request, _, _) =>
        {
            calls++;
            return CallMessages.Reserve(request);
        });
        var dispatcher = CallMessages.Dispatcher(registry, _replies);

        var outcome = await dispatcher.HandleAsync(CallMessages.Create(payload: payload));

        Assert.Equal(MessageDisposition.Completed, outcome.Disposition);
        Assert.Equal(0, calls);
        var error = _replies.Single<CallFailed>().Error!;
        Assert.Equal(ServiceErrorTypes.InvalidRequest, error.ErrorType);
        Assert.Contains("inventory.reserve", error.Message, StringComparison.Ordinal);
        Assert.Contains(expectedMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_ReplySendThrows_RetriesTheMessage()
    {
        _replies.Failure = _ => new HttpRequestException("inbox unavailable");
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (request, _, _) => CallMessages.Reserve(request));
        var dispatcher = CallMessages.Dispatcher(registry, _replies);

        var outcome = await dispatcher.HandleAsync(CallMessages.Create());

        Assert.Equal(MessageDisposition.Retry, outcome.Disposition);
        Assert.Contains("inbox unavailable", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains(CallMessages.ReplyTo, outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_FailureReplySendThrows_RetriesTheMessage()
    {
        _replies.Failure = reply => reply is CallFailed ? new TimeoutException("slow inbox") : null;
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (_, _, _) => throw new ServiceException("OutOfStock", "none left"));
        var dispatcher = CallMessages.Dispatcher(registry, _replies);

        var outcome = await dispatcher.HandleAsync(CallMessages.Create());

        Assert.Equal(MessageDisposition.Retry, outcome.Disposition);
    }

    [Fact]
    public async Task HandleAsync_HostStopsWhileHandlerRuns_RetriesWithoutReplying()
    {
        using var host = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new ServiceRegistry().Map(Inventory.Reserve, async (request, _, cancellationToken) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return await CallMessages.Reserve(request);
        });
        var dispatcher = CallMessages.Dispatcher(registry, _replies);

        var handling = dispatcher.HandleAsync(CallMessages.Create(), host.Token);
        await started.Task;
        await host.CancelAsync();
        var outcome = await handling;

        Assert.Equal(MessageDisposition.Retry, outcome.Disposition);
        Assert.Empty(_replies.Sent);
    }

    [Fact]
    public async Task HandleAsync_HandlerOwnTimeoutCancels_IsATransientFailureNotAStop()
    {
        var calls = 0;
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (_, _, _) =>
        {
            calls++;
            throw new TaskCanceledException("HTTP request timed out");
        });
        var dispatcher = CallMessages.Dispatcher(registry, _replies, CallMessages.ImmediateRetry(2));

        var outcome = await dispatcher.HandleAsync(CallMessages.Create());

        Assert.Equal(MessageDisposition.Completed, outcome.Disposition);
        Assert.Equal(3, calls);
        Assert.Equal(nameof(TaskCanceledException), _replies.Single<CallFailed>().Error!.ErrorType);
    }

    [Fact]
    public async Task HandleAsync_ResponseCannotBeSerialized_RepliesInvalidResponse()
    {
        var operation = new ServiceOperation<ReserveStock, Type>("inventory", "describe");
        var registry = new ServiceRegistry().Map(operation, (_, _, _) => Task.FromResult(typeof(string)));
        var dispatcher = CallMessages.Dispatcher(registry, _replies);

        await dispatcher.HandleAsync(CallMessages.Create(operation: "describe"));

        Assert.Equal(ServiceErrorTypes.InvalidResponse, _replies.Single<CallFailed>().Error!.ErrorType);
    }

    [Fact]
    public void Constructor_EmptyRegistry_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => CallMessages.Dispatcher(new ServiceRegistry(), _replies));

        Assert.Contains("maps no operation", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ZeroConcurrency_Throws()
    {
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (request, _, _) => CallMessages.Reserve(request));

        Assert.Throws<ArgumentOutOfRangeException>(() => CallMessages.Dispatcher(registry, _replies, maxConcurrency: 0));
    }

    private sealed class CapturingHandler : IServiceHandler<ReserveStock, Reservation>
    {
        public List<(ReserveStock Request, ServiceCallContext Context)> Calls { get; } = [];

        public Task<Reservation> HandleAsync(ReserveStock request, ServiceCallContext context, CancellationToken cancellationToken)
        {
            Calls.Add((request, context));
            return CallMessages.Reserve(request);
        }
    }
}
