using System.Text.Json;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.ServiceHost;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LambdaWorkflow.UnitTests.ServiceHost;

public sealed class ServiceRetryTests
{
    private readonly RecordingReplySender _replies = new();

    [Fact]
    public async Task HandleAsync_TransientFailureThenSuccess_RetriesAndRepliesCompleted()
    {
        var executionAttempts = new List<int>();
        var logger = new RecordingLogger();
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (request, context, _) =>
        {
            executionAttempts.Add(context.ExecutionAttempt);
            return context.ExecutionAttempt < 3
                ? throw new TimeoutException("database busy")
                : CallMessages.Reserve(request);
        });
        var dispatcher = CallMessages.Dispatcher(registry, _replies, logger: logger);

        var outcome = await dispatcher.HandleAsync(CallMessages.Create(attempt: 1));

        Assert.Equal(MessageDisposition.Completed, outcome.Disposition);
        Assert.Equal([1, 2, 3], executionAttempts);
        var completed = _replies.Single<CallCompleted>();
        Assert.Equal(1, completed.Attempt);
        Assert.Equal(2, logger.Entries.Count(e => e is { Level: LogLevel.Warning, EventId: 2004 }));
    }

    [Fact]
    public async Task HandleAsync_TransientFailureExhaustsRetries_RepliesCallFailed()
    {
        var calls = 0;
        var registry = new ServiceRegistry().Map(
            Inventory.Reserve,
            (_, _, _) =>
            {
                calls++;
                throw new TimeoutException("database busy");
            },
            CallMessages.ImmediateRetry(maxRetryAttempts: 2));
        var dispatcher = CallMessages.Dispatcher(registry, _replies, CallMessages.ImmediateRetry(maxRetryAttempts: 5));

        var outcome = await dispatcher.HandleAsync(CallMessages.Create());

        Assert.Equal(MessageDisposition.Completed, outcome.Disposition);
        Assert.Equal(3, calls); // the operation's own settings win over the dispatcher's default
        var error = _replies.Single<CallFailed>().Error!;
        Assert.Equal(nameof(TimeoutException), error.ErrorType);
        Assert.Equal("database busy", error.Message);
    }

    [Fact]
    public async Task HandleAsync_TransientServiceException_RetriedThenRepliedWithItsErrorType()
    {
        var calls = 0;
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (_, _, _) =>
        {
            calls++;
            throw new ServiceException("WarehouseOffline", "warehouse 3 is offline", isTransient: true);
        });
        var dispatcher = CallMessages.Dispatcher(registry, _replies, CallMessages.ImmediateRetry(maxRetryAttempts: 1));

        await dispatcher.HandleAsync(CallMessages.Create());

        Assert.Equal(2, calls);
        Assert.Equal("WarehouseOffline", _replies.Single<CallFailed>().Error!.ErrorType);
    }

    [Fact]
    public async Task HandleAsync_PermanentException_IsNotRetried()
    {
        var calls = 0;
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (_, _, _) =>
        {
            calls++;
            throw new ArgumentOutOfRangeException("request", "quantity must be positive");
        });
        var dispatcher = CallMessages.Dispatcher(registry, _replies);

        await dispatcher.HandleAsync(CallMessages.Create());

        Assert.Equal(1, calls);
        Assert.Equal(nameof(ArgumentOutOfRangeException), _replies.Single<CallFailed>().Error!.ErrorType);
    }

    [Fact]
    public async Task HandleAsync_CustomPredicateMakesErrorPermanent_IsNotRetried()
    {
        var calls = 0;
        var retry = CallMessages.ImmediateRetry();
        retry.IsTransient = ex => ex is not KeyNotFoundException && ServiceRetryOptions.IsTransientByDefault(ex);
        var registry = new ServiceRegistry().Map(
            Inventory.Reserve,
            (_, _, _) =>
            {
                calls++;
                throw new KeyNotFoundException("no such SKU");
            },
            retry);
        var dispatcher = CallMessages.Dispatcher(registry, _replies);

        await dispatcher.HandleAsync(CallMessages.Create());

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task HandleAsync_RetryDisabled_RunsOnce()
    {
        var calls = 0;
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (_, _, _) =>
        {
            calls++;
            throw new TimeoutException("database busy");
        });
        var dispatcher = CallMessages.Dispatcher(registry, _replies, new ServiceRetryOptions { MaxRetryAttempts = 0 });

        await dispatcher.HandleAsync(CallMessages.Create());

        Assert.Equal(1, calls);
        Assert.Equal(nameof(TimeoutException), _replies.Single<CallFailed>().Error!.ErrorType);
    }

    [Fact]
    public async Task HandleAsync_Backoff_WaitsBaseDelayOnTheTimeProviderBeforeRetrying()
    {
        var time = new FakeTimeProvider();
        var calls = 0;
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (request, context, _) =>
        {
            Interlocked.Increment(ref calls);
            return context.ExecutionAttempt == 1 ? throw new TimeoutException("busy") : CallMessages.Reserve(request);
        });
        // A delay far longer than the test's wait: only the fake clock can let the retry happen.
        var delay = TimeSpan.FromMinutes(10);
        var retry = new ServiceRetryOptions { BaseDelay = delay, MaxDelay = delay, UseJitter = false };
        var dispatcher = CallMessages.Dispatcher(registry, _replies, retry, time);

        // The first attempt fails synchronously, so the retry's timer is registered when HandleAsync returns.
        var handling = dispatcher.HandleAsync(CallMessages.Create());
        time.Advance(delay - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, Volatile.Read(ref calls));
        Assert.False(handling.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(1));
        var outcome = await handling.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(MessageDisposition.Completed, outcome.Disposition);
        Assert.Equal(2, calls);
        Assert.IsType<CallCompleted>(Assert.Single(_replies.Sent).Reply);
    }

    [Fact]
    public async Task HandleAsync_HostStopsDuringBackoff_RetriesMessageWithoutReplying()
    {
        var time = new FakeTimeProvider();
        using var host = new CancellationTokenSource();
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (_, _, _) => throw new TimeoutException("busy"));
        var dispatcher = CallMessages.Dispatcher(registry, _replies, new ServiceRetryOptions(), time);

        var handling = dispatcher.HandleAsync(CallMessages.Create(), host.Token);
        await host.CancelAsync();
        var outcome = await handling.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(MessageDisposition.Retry, outcome.Disposition);
        Assert.Empty(_replies.Sent);
    }

    [Theory]
    [InlineData(typeof(ArgumentException), false)]
    [InlineData(typeof(ArgumentNullException), false)]
    [InlineData(typeof(FormatException), false)]
    [InlineData(typeof(JsonException), false)]
    [InlineData(typeof(NotSupportedException), false)]
    [InlineData(typeof(NotImplementedException), false)]
    [InlineData(typeof(InvalidCastException), false)]
    [InlineData(typeof(NullReferenceException), false)]
    [InlineData(typeof(TimeoutException), true)]
    [InlineData(typeof(HttpRequestException), true)]
    [InlineData(typeof(IOException), true)]
    [InlineData(typeof(InvalidOperationException), true)]
    [InlineData(typeof(TaskCanceledException), true)]
    public void IsTransientByDefault_ClassifiesExceptionTypes(Type exceptionType, bool expected)
    {
        var exception = (Exception)Activator.CreateInstance(exceptionType)!;

        Assert.Equal(expected, ServiceRetryOptions.IsTransientByDefault(exception));
    }

    [Fact]
    public void IsTransientByDefault_ServiceException_SaysItself()
    {
        Assert.False(ServiceRetryOptions.IsTransientByDefault(new ServiceException("PaymentDeclined", "declined")));
        Assert.True(ServiceRetryOptions.IsTransientByDefault(new ServiceException("GatewayBusy", "busy", isTransient: true)));
    }
}
