using LambdaWorkflow.Contracts;
using LambdaWorkflow.ServiceHost.Callbacks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LambdaWorkflow.ServiceHost.DependencyInjection;

/// <summary>An operation being mapped to its handler; see <see cref="LambdaWorkflowServiceBuilder.Map{TRequest, TResponse}"/>.</summary>
/// <typeparam name="TRequest">The request payload.</typeparam>
/// <typeparam name="TResponse">The response payload.</typeparam>
public sealed class OperationMapping<TRequest, TResponse>
{
    private readonly LambdaWorkflowServiceBuilder _builder;
    private readonly ServiceOperation<TRequest, TResponse> _operation;

    internal OperationMapping(LambdaWorkflowServiceBuilder builder, ServiceOperation<TRequest, TResponse> operation)
    {
        _builder = builder;
        _operation = operation;
    }

    /// <summary>Serves the operation with <typeparamref name="THandler"/>, resolved per message from the message's scope (registered scoped unless already registered).</summary>
    /// <typeparam name="THandler">The handler type.</typeparam>
    /// <param name="retry">The operation's retry settings; null for the default (configuration's <c>Operations</c> entry wins over both).</param>
    /// <returns>The builder, for chaining.</returns>
    public LambdaWorkflowServiceBuilder To<THandler>(ServiceRetryOptions? retry = null)
        where THandler : class, IServiceHandler<TRequest, TResponse>
    {
        _builder.Services.TryAddScoped<THandler>();
        _builder.Registry.Map(_operation, services => services.GetRequiredService<THandler>(), retry);
        return _builder;
    }

    /// <summary>Serves the operation with a callback handler <typeparamref name="THandler"/>, resolved per message from the message's scope.</summary>
    /// <typeparam name="THandler">The handler type.</typeparam>
    /// <param name="retry">The operation's retry settings; null for the default.</param>
    /// <returns>The builder, for chaining.</returns>
    public LambdaWorkflowServiceBuilder ToCallback<THandler>(ServiceRetryOptions? retry = null)
        where THandler : class, ICallbackServiceHandler<TRequest, TResponse>
    {
        _builder.Services.TryAddScoped<THandler>();
        _builder.Registry.MapCallback(_operation, services => services.GetRequiredService<THandler>(), retry);
        return _builder;
    }

    /// <summary>Serves the operation with a delegate.</summary>
    /// <param name="handler">The handler.</param>
    /// <param name="retry">The operation's retry settings; null for the default.</param>
    /// <returns>The builder, for chaining.</returns>
    public LambdaWorkflowServiceBuilder To(Func<TRequest, ServiceCallContext, CancellationToken, Task<TResponse>> handler, ServiceRetryOptions? retry = null)
    {
        _builder.Registry.Map(_operation, handler, retry);
        return _builder;
    }
}
