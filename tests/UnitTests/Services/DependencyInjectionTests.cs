using System.Collections.Concurrent;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.Local.Idempotency;
using LambdaWorkflow.ServiceHost;
using LambdaWorkflow.ServiceHost.Callbacks;
using LambdaWorkflow.ServiceHost.DependencyInjection;
using LambdaWorkflow.ServiceHost.Idempotency;
using LambdaWorkflow.ServiceHost.Middleware;
using LambdaWorkflow.UnitTests.ServiceHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LambdaWorkflow.UnitTests.Services;

public sealed class DependencyInjectionTests
{
    private readonly RecordingReplySender _replies = new();

    [Fact]
    public async Task AddLambdaWorkflowService_ResolvesTheHandlerPerMessageInItsOwnScope()
    {
        await using var provider = Provider(services => services.AddLambdaWorkflowService(service => service.Map(Inventory.Reserve).To<ReserveHandler>()));
        var dispatcher = provider.GetRequiredService<ServiceDispatcher>();

        await dispatcher.HandleBatchAsync([CallMessages.Create(callNumber: 1), CallMessages.Create(callNumber: 2)]);

        var units = provider.GetRequiredService<UnitLog>();
        Assert.Equal(2, units.Created.Count);
        Assert.Equal(2, units.Created.Distinct().Count());
        Assert.Equal(units.Created.Order(), units.Disposed.Order());
        Assert.Equal(2, _replies.Sent.Count);
    }

    [Fact]
    public async Task AddLambdaWorkflowService_ScopedMiddlewareSharesTheHandlersScope()
    {
        await using var provider = Provider(services => services.AddLambdaWorkflowService(service => service
            .UseMiddleware<UnitStamping>()
            .UseTelemetry()
            .Map(Inventory.Reserve).To<ReserveHandler>()));

        await provider.GetRequiredService<ServiceDispatcher>().HandleAsync(CallMessages.Create());
        Assert.IsType<ServiceTelemetryMiddleware>(Assert.Single(provider.GetRequiredService<IOptions<ServiceDispatcherOptions>>().Value.Middleware));

        var units = provider.GetRequiredService<UnitLog>();
        Assert.Single(units.Created);
        Assert.Equal(units.Created.Single(), Assert.Single(units.Stamped));
    }

    [Fact]
    public async Task AddLambdaWorkflowService_OptionsBoundFromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Service:MaxConcurrency"] = "3",
            ["Service:MaxReceiveCount"] = "4",
            ["Service:DefaultRetry:MaxRetryAttempts"] = "1",
            ["Service:DefaultRetry:BaseDelay"] = "00:00:00",
            ["Service:DefaultRetry:MaxDelay"] = "00:00:00",
            ["Service:Operations:inventory.release:Retry:MaxRetryAttempts"] = "4",
            ["Service:Operations:inventory.release:Retry:BaseDelay"] = "00:00:00",
            ["Service:Operations:inventory.release:Retry:MaxDelay"] = "00:00:00",
            ["Service:Idempotency:Lease"] = "00:02:00",
            ["Service:Callbacks:SigningKey"] = ServiceTestKit.SigningKey,
            ["Service:Callbacks:DefaultTimeout"] = "00:30:00",
        }).Build();
        var attempts = new ConcurrentDictionary<string, int>();
        await using var provider = Provider(services => services
            .AddLambdaWorkflowService(configuration.GetSection("Service"), service => service
                .UseIdempotencyStore(new InMemoryIdempotencyStore())
                .Map(Inventory.Reserve).To((_, context, _) => Fail(attempts, context))
                .Map(Inventory.Release).To((_, context, _) => Fail(attempts, context))));

        var options = provider.GetRequiredService<IOptions<ServiceDispatcherOptions>>().Value;
        var dispatcher = provider.GetRequiredService<ServiceDispatcher>();
        await dispatcher.HandleAsync(CallMessages.Create(callNumber: 1));
        await dispatcher.HandleAsync(CallMessages.Create(callNumber: 2, operation: "release"));

        Assert.Equal((3, 4), (options.MaxConcurrency, options.MaxReceiveCount));
        Assert.Equal(TimeSpan.FromMinutes(2), options.Idempotency.Lease);
        Assert.Equal(TimeSpan.FromMinutes(30), options.Callbacks.DefaultTimeout);
        Assert.IsType<InMemoryIdempotencyStore>(options.Idempotency.Store);
        Assert.Equal(2, attempts["reserve"]);
        Assert.Equal(5, attempts["release"]);
        Assert.NotNull(provider.GetRequiredService<CallbackClient>());
    }

    [Fact]
    public async Task AddLambdaWorkflowService_CallbackHandlerFromDi_CompletesThroughTheClientFromDi()
    {
        await using var provider = Provider(services => services
            .AddLambdaWorkflowService(service => service
                .UseIdempotencyStore<InMemoryIdempotencyStore>()
                .Configure(options => options.Callbacks.SigningKey = ServiceTestKit.SigningKey)
                .Map(Approvals.Request).ToCallback<ApprovalDesk>()));

        await provider.GetRequiredService<ServiceDispatcher>().HandleAsync(Approvals.Message());
        var token = provider.GetRequiredService<TokenBox>().Tokens.Single();
        await provider.GetRequiredService<CallbackClient>().CompleteCallAsync(Approvals.Request, token, new Approval("desk", true));

        Assert.Equal("desk", _replies.Single<CallCompleted>().Result.Deserialize(Approvals.Request.ResponseType).ApprovedBy);
    }

    [Fact]
    public async Task AddLambdaWorkflowService_LogsThroughTheHostsLoggerFactory()
    {
        var sink = new ConcurrentQueue<(string Category, int EventId)>();
        await using var provider = Provider(services => services
            .AddLogging(logging => logging.AddProvider(new SinkProvider(sink)))
            .AddLambdaWorkflowService(service => service.Map(Inventory.Reserve).To<ReserveHandler>()));

        var outcome = await provider.GetRequiredService<ServiceDispatcher>().HandleAsync(CallMessages.Raw("{}"));

        Assert.Equal(MessageDisposition.DeadLetter, outcome.Disposition);
        Assert.Contains(sink, e => e.Category == typeof(ServiceDispatcher).FullName && e.EventId == 2002);
    }

    [Fact]
    public async Task AddLambdaWorkflowService_HandlerNotResolvable_IsRetriedNotFailed()
    {
        await using var provider = Provider(services => services.AddLambdaWorkflowService(service =>
            service.Registry.Map(Inventory.Reserve, sp => sp.GetRequiredService<Unregistered>())));

        var outcome = await provider.GetRequiredService<ServiceDispatcher>().HandleAsync(CallMessages.Create());

        Assert.Equal(MessageDisposition.Retry, outcome.Disposition);
        Assert.Contains("could not be resolved", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(_replies.Sent);
    }

    private ServiceProvider Provider(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection()
            .AddSingleton<IReplySender>(_replies)
            .AddSingleton<UnitLog>()
            .AddSingleton<TokenBox>()
            .AddScoped<UnitOfWork>();
        configure(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    private static Task<Reservation> Fail(ConcurrentDictionary<string, int> attempts, ServiceCallContext context)
    {
        attempts.AddOrUpdate(context.Operation, 1, (_, n) => n + 1);
        throw new TimeoutException("down");
    }

    /// <summary>Collects unit-of-work ids as they are created, stamped by middleware and disposed.</summary>
    internal sealed class UnitLog
    {
        public ConcurrentQueue<Guid> Created { get; } = new();

        public ConcurrentQueue<Guid> Stamped { get; } = new();

        public ConcurrentQueue<Guid> Disposed { get; } = new();
    }

    /// <summary>A scoped dependency, like a DbContext.</summary>
    internal sealed class UnitOfWork : IDisposable
    {
        private readonly UnitLog _log;

        public UnitOfWork(UnitLog log)
        {
            _log = log;
            log.Created.Enqueue(Id);
        }

        public Guid Id { get; } = Guid.NewGuid();

        public void Dispose() => _log.Disposed.Enqueue(Id);
    }

    internal sealed class ReserveHandler(UnitOfWork unit) : IServiceHandler<ReserveStock, Reservation>
    {
        public Task<Reservation> HandleAsync(ReserveStock request, ServiceCallContext context, CancellationToken cancellationToken) =>
            Task.FromResult(new Reservation(unit.Id.ToString(), request.Quantity));
    }

    internal sealed class UnitStamping(UnitOfWork unit, UnitLog log) : IServiceMiddleware
    {
        public Task<ServiceReply<TResponse>> InvokeAsync<TRequest, TResponse>(
            TRequest request, ServiceCallContext context, ServiceHandlerFunc<TRequest, TResponse> nextHandler, CancellationToken cancellationToken)
        {
            log.Stamped.Enqueue(unit.Id);
            return nextHandler(request, context, cancellationToken);
        }
    }

    internal sealed class TokenBox
    {
        public ConcurrentQueue<string> Tokens { get; } = new();
    }

    internal sealed class ApprovalDesk(TokenBox box) : ICallbackServiceHandler<ApprovalRequest, Approval>
    {
        public Task<ServiceReply<Approval>> HandleAsync(ApprovalRequest request, ServiceCallContext context, CancellationToken cancellationToken)
        {
            var token = context.CreateCallbackToken();
            box.Tokens.Enqueue(token.Value);
            return Task.FromResult(ServiceReply.Pending<Approval>(token));
        }
    }

    internal sealed class Unregistered : IServiceHandler<ReserveStock, Reservation>
    {
        public Task<Reservation> HandleAsync(ReserveStock request, ServiceCallContext context, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }

    private sealed class SinkProvider(ConcurrentQueue<(string Category, int EventId)> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Sink(categoryName, sink);

        public void Dispose()
        {
        }

        private sealed class Sink(string category, ConcurrentQueue<(string Category, int EventId)> sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Enqueue((category, eventId.Id));
        }
    }
}
