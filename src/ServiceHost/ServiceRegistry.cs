using LambdaWorkflow.Contracts;
using LambdaWorkflow.ServiceHost.Dispatch;

namespace LambdaWorkflow.ServiceHost;

/// <summary>The handlers a host serves, one per service operation; hand it to a <see cref="ServiceDispatcher"/>.</summary>
public sealed class ServiceRegistry
{
    private readonly Dictionary<(string Service, string Operation), OperationRegistration> _operations = [];

    /// <summary>How many operations are mapped.</summary>
    public int Count => _operations.Count;

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
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(handler);
        retry?.Validate();
        if (!_operations.TryAdd((operation.Service, operation.Operation), new OperationRegistration<TRequest, TResponse>(operation, handler, retry)))
        {
            throw new InvalidOperationException(
                $"Operation '{operation.Operation}' of service '{operation.Service}' is already mapped; map each service operation once.");
        }

        return this;
    }

    /// <summary>True when the operation is mapped.</summary>
    public bool IsMapped(string service, string operation) => _operations.ContainsKey((service, operation));

    /// <summary>The distinct service names that have at least one operation mapped, in name order.</summary>
    public IReadOnlyList<string> Services => [.. _operations.Keys.Select(k => k.Service).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The registrations as they are now; the dispatcher takes this snapshot when it is created.</summary>
    internal IReadOnlyCollection<OperationRegistration> Registrations => _operations.Values;
}
