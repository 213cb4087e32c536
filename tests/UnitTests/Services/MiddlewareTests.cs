using System.Collections.Concurrent;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.ServiceHost;
using LambdaWorkflow.ServiceHost.Callbacks;
using LambdaWorkflow.ServiceHost.Middleware;
using LambdaWorkflow.UnitTests.ServiceHost;

namespace LambdaWorkflow.UnitTests.Services;

public sealed class MiddlewareTests
{
    private readonly ServiceTestKit _kit = new();
    private readonly ConcurrentQueue<string> _trace = new();

    [Fact]
    public async Task Middleware_RunsAroundTheHandler_FirstRegisteredOutermost()
    {
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (request, _, _) =>
        {
            _trace.Enqueue("handler");
            return CallMessages.Reserve(request);
        });
        var dispatcher = _kit.Dispatcher(registry, options =>
        {
            options.Middleware.Add(new Tracing("a", _trace));
            options.Middleware.Add(new Tracing("b", _trace));
        });

        await dispatcher.HandleAsync(CallMessages.Create());

        Assert.Equal(["a>1", "b>1", "handler", "<b:ok", "<a:ok"], _trace);
    }

    [Fact]
    public async Task Middleware_RunsOncePerExecutionAttempt_AndSeesEachAttemptsException()
    {
        var attempts = 0;
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (request, _, _) =>
            ++attempts < 3 ? throw new TimeoutException("slow") : CallMessages.Reserve(request));
        var dispatcher = _kit.Dispatcher(registry, options => options.Middleware.Add(new Tracing("m", _trace)));

        await dispatcher.HandleAsync(CallMessages.Create());

        Assert.Equal(["m>1", "<m:TimeoutException", "m>2", "<m:TimeoutException", "m>3", "<m:ok"], _trace);
        _kit.Replies.Single<CallCompleted>();
    }

    [Fact]
    public async Task Middleware_CanAnswerWithoutCallingTheHandler()
    {
        var handlerRan = false;
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (request, _, _) =>
        {
            handlerRan = true;
            return CallMessages.Reserve(request);
        });
        var dispatcher = _kit.Dispatcher(registry, options => options.Middleware.Add(new Cached()));

        await dispatcher.HandleAsync(CallMessages.Create());

        Assert.False(handlerRan);
        Assert.Equal("cached", _kit.Replies.Single<CallCompleted>().Result.Deserialize(Inventory.Reserve.ResponseType).ReservationId);
    }

    [Fact]
    public async Task Middleware_DoesNotRunForDuplicatesAnsweredFromTheStore()
    {
        var dispatcher = _kit.Dispatcher(
            new ServiceRegistry().Map(Inventory.Reserve, (request, _, _) => CallMessages.Reserve(request)),
            options => options.Middleware.Add(new Tracing("m", _trace)));

        await dispatcher.HandleAsync(CallMessages.Create());
        await dispatcher.HandleAsync(ServiceTestKit.Again(CallMessages.Create()));

        Assert.Equal(2, _trace.Count);
        Assert.Equal(2, _kit.Replies.Sent.Count);
    }

    /// <summary>Records entry with the execution attempt, and exit with the outcome.</summary>
    private sealed class Tracing(string name, ConcurrentQueue<string> trace) : IServiceMiddleware
    {
        public async Task<ServiceReply<TResponse>> InvokeAsync<TRequest, TResponse>(
            TRequest request, ServiceCallContext context, ServiceHandlerFunc<TRequest, TResponse> nextHandler, CancellationToken cancellationToken)
        {
            trace.Enqueue(name + ">" + context.ExecutionAttempt);
            try
            {
                var reply = await nextHandler(request, context, cancellationToken);
                trace.Enqueue("<" + name + ":ok");
                return reply;
            }
            catch (Exception ex)
            {
                trace.Enqueue("<" + name + ":" + ex.GetType().Name);
                throw;
            }
        }
    }

    private sealed class Cached : IServiceMiddleware
    {
        public Task<ServiceReply<TResponse>> InvokeAsync<TRequest, TResponse>(
            TRequest request, ServiceCallContext context, ServiceHandlerFunc<TRequest, TResponse> nextHandler, CancellationToken cancellationToken) =>
            Task.FromResult(ServiceReply.Completed((TResponse)(object)new Reservation("cached", 0)));
    }
}
