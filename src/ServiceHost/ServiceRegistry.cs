using LambdaWorkflow.Contracts;
using LambdaWorkflow.ServiceHost.Callbacks;
using LambdaWorkflow.ServiceHost.Dispatch;
using LambdaWorkflow.ServiceHost.Middleware;
using Microsoft.Extensions.DependencyInjection;

namespace LambdaWorkflow.ServiceHost;

/// <summary>The handlers a host serves, one per service operation; hand it to a <see cref="ServiceDispatcher"/>.</summary>
public sealed class ServiceRegistry
{
    private readonly Dictionary<(string Service, string Operation), OperationRegistration> _operations = [];

    /// <summary>How many operations are mapped.</summary>
    public int Count => _operations.Count;

    /// <summary>The distinct service names that have at least one operation mapped, in name order.</summary>
    public IReadOnlyList<string> Services => [.. _operations.Keys.Select(k => k.Service).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The registrations as they are now; the dispatcher takes this snapshot when it is created.</summary>
    internal IReadOnlyCollection<OperationRegistration> Registrations => _operations.Values;

    /// <summary>Maps an operation to its handler.</summary>
    /// <param name="operation">The operation served.</param>
    /// <param name="handler">Its handler.</param>
    /// <param name="retry">How the handler is retried; null for the dispatcher's default.</param>
    /// <returns>This registry, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The operation is already mapped.</exception>
    public ServiceRegistry Map<TRequest, TResponse>(
        ServiceOperation<TRequest, TResponse> operation,
        IServiceHandler<TRequest, TResponse> handler,
        ServiceRetryOptions? retry = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Map(operation, handler.HandleAsync, retry);
    }

    /// <summary>Maps an operation to a handler delegate.</summary>
    /// <param name="operation">The operation served.</param>
    /// <param name="handler">Its handler: request, call context and the host's cancellation token in, response out.</param>
    /// <param name="retry">How the handler is retried; null for the dispatcher's default.</param>
    /// <returns>This registry, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The operation is already mapped.</exception>
    public ServiceRegistry Map<TRequest, TResponse>(
        ServiceOperation<TRequest, TResponse> operation,
        Func<TRequest, ServiceCallContext, CancellationToken, Task<TResponse>> handler,
        ServiceRetryOptions? retry = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var bound = Answering(handler);
        return Add(operation, _ => bound, retry, needsServices: false, isCallback: false);
    }

    /// <summary>Maps an operation to a handler created per message from the message's DI scope.</summary>
    /// <param name="operation">The operation served.</param>
    /// <param name="handlerFactory">Creates the handler from the scope's services, such as <c>sp =&gt; sp.GetRequiredService&lt;ReserveHandler&gt;()</c>.</param>
    /// <param name="retry">How the handler is retried; null for the dispatcher's default.</param>
    /// <returns>This registry, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The operation is already mapped.</exception>
    public ServiceRegistry Map<TRequest, TResponse>(
        ServiceOperation<TRequest, TResponse> operation,
        Func<IServiceProvider, IServiceHandler<TRequest, TResponse>> handlerFactory,
        ServiceRetryOptions? retry = null)
    {
        ArgumentNullException.ThrowIfNull(handlerFactory);
        return Add(operation, services => Answering<TRequest, TResponse>(handlerFactory(Require(services)).HandleAsync), retry, needsServices: true, isCallback: false);
    }

    /// <summary>Maps an operation to a handler that may answer later, through a callback token.</summary>
    /// <param name="operation">The operation served.</param>
    /// <param name="handler">Its handler.</param>
    /// <param name="retry">How the handler is retried; null for the dispatcher's default.</param>
    /// <returns>This registry, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The operation is already mapped.</exception>
    public ServiceRegistry MapCallback<TRequest, TResponse>(
        ServiceOperation<TRequest, TResponse> operation,
        ICallbackServiceHandler<TRequest, TResponse> handler,
        ServiceRetryOptions? retry = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return MapCallback(operation, handler.HandleAsync, retry);
    }

    /// <summary>Maps an operation to a handler delegate that may answer later, through a callback token.</summary>
    /// <param name="operation">The operation served.</param>
    /// <param name="handler">Its handler: answers <see cref="ServiceReply.Completed{TResponse}"/> or <see cref="ServiceReply.Pending{TResponse}"/>.</param>
    /// <param name="retry">How the handler is retried; null for the dispatcher's default.</param>
    /// <returns>This registry, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The operation is already mapped.</exception>
    public ServiceRegistry MapCallback<TRequest, TResponse>(
        ServiceOperation<TRequest, TResponse> operation,
        Func<TRequest, ServiceCallContext, CancellationToken, Task<ServiceReply<TResponse>>> handler,
        ServiceRetryOptions? retry = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ServiceHandlerFunc<TRequest, TResponse> bound = (request, context, cancellationToken) => handler(request, context, cancellationToken);
        return Add(operation, _ => bound, retry, needsServices: false, isCallback: true);
    }

    /// <summary>Maps an operation to a callback handler created per message from the message's DI scope.</summary>
    /// <param name="operation">The operation served.</param>
    /// <param name="handlerFactory">Creates the handler from the scope's services.</param>
    /// <param name="retry">How the handler is retried; null for the dispatcher's default.</param>
    /// <returns>This registry, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The operation is already mapped.</exception>
    public ServiceRegistry MapCallback<TRequest, TResponse>(
        ServiceOperation<TRequest, TResponse> operation,
        Func<IServiceProvider, ICallbackServiceHandler<TRequest, TResponse>> handlerFactory,
        ServiceRetryOptions? retry = null)
    {
        ArgumentNullException.ThrowIfNull(handlerFactory);
        return Add<TRequest, TResponse>(operation, services => handlerFactory(Require(services)).HandleAsync, retry, needsServices: true, isCallback: true);
    }

    /// <summary>True when the operation is mapped.</summary>
    public bool IsMapped(string service, string operation) => _operations.ContainsKey((service, operation));

    private ServiceRegistry Add<TRequest, TResponse>(
        ServiceOperation<TRequest, TResponse> operation,
        Func<IServiceProvider?, ServiceHandlerFunc<TRequest, TResponse>> resolve,
        ServiceRetryOptions? retry,
        bool needsServices,
        bool isCallback)
    {
        ArgumentNullException.ThrowIfNull(operation);
        retry?.Validate();
        var registration = new OperationRegistration<TRequest, TResponse>(operation, resolve, retry, needsServices, isCallback);
        if (!_operations.TryAdd((operation.Service, operation.Operation), registration))
        {
            throw new InvalidOperationException(
                $"Operation '{operation.Operation}' of service '{operation.Service}' is already mapped; map each service operation once.");
        }

        return this;
    }

    private static ServiceHandlerFunc<TRequest, TResponse> Answering<TRequest, TResponse>(
        Func<TRequest, ServiceCallContext, CancellationToken, Task<TResponse>> handler) =>
        async (request, context, cancellationToken) =>
            ServiceReply.Completed(await handler(request, context, cancellationToken).ConfigureAwait(false));

    private static IServiceProvider Require(IServiceProvider? services) =>
        services ?? throw new InvalidOperationException(
            $"This operation's handler is resolved from DI, but the dispatcher has no {nameof(IServiceScopeFactory)}; set {nameof(ServiceDispatcherOptions)}.{nameof(ServiceDispatcherOptions.ScopeFactory)} or register with AddLambdaWorkflowService.");
}
