using LambdaWorkflow.Contracts;
using LambdaWorkflow.ServiceHost.Idempotency;
using LambdaWorkflow.ServiceHost.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LambdaWorkflow.ServiceHost.DependencyInjection;

/// <summary>Configures the service host registered by <see cref="LambdaWorkflowServiceCollectionExtensions.AddLambdaWorkflowService(IServiceCollection, Action{LambdaWorkflowServiceBuilder})"/>.</summary>
public sealed class LambdaWorkflowServiceBuilder
{
    internal LambdaWorkflowServiceBuilder(IServiceCollection services, ServiceRegistry registry)
    {
        Services = services;
        Registry = registry;
    }

    /// <summary>The service collection, for registrations of your own.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The operations mapped so far.</summary>
    public ServiceRegistry Registry { get; }

    /// <summary>Starts mapping an operation: follow with <c>.To&lt;THandler&gt;()</c> or <c>.ToCallback&lt;THandler&gt;()</c>.</summary>
    /// <param name="operation">The operation served.</param>
    public OperationMapping<TRequest, TResponse> Map<TRequest, TResponse>(ServiceOperation<TRequest, TResponse> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return new OperationMapping<TRequest, TResponse>(this, operation);
    }

    /// <summary>Adds a middleware resolved from each message's scope (registered scoped, so it may take scoped services).</summary>
    /// <typeparam name="TMiddleware">The middleware type.</typeparam>
    /// <returns>This builder.</returns>
    public LambdaWorkflowServiceBuilder UseMiddleware<TMiddleware>()
        where TMiddleware : class, IServiceMiddleware
    {
        Services.TryAddEnumerable(ServiceDescriptor.Scoped<IServiceMiddleware, TMiddleware>());
        return this;
    }

    /// <summary>Adds a middleware instance shared by every message; it runs outside the scoped ones.</summary>
    /// <param name="middleware">The middleware.</param>
    /// <returns>This builder.</returns>
    public LambdaWorkflowServiceBuilder UseMiddleware(IServiceMiddleware middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        return Configure(options => options.Middleware.Add(middleware));
    }

    /// <summary>
    /// Traces and measures every handler execution with <see cref="ServiceTelemetryMiddleware"/>, outermost of all
    /// middleware; its meter comes from DI's <see cref="System.Diagnostics.Metrics.IMeterFactory"/> when there is one.
    /// </summary>
    /// <returns>This builder.</returns>
    public LambdaWorkflowServiceBuilder UseTelemetry()
    {
        Services.TryAddSingleton(provider => new ServiceTelemetryMiddleware(
            provider.GetService<System.Diagnostics.Metrics.IMeterFactory>(), provider.GetService<TimeProvider>()));
        Services.AddOptions<ServiceDispatcherOptions>().Configure<ServiceTelemetryMiddleware>((options, telemetry) =>
        {
            if (!options.Middleware.Contains(telemetry))
            {
                options.Middleware.Insert(0, telemetry);
            }
        });
        return this;
    }

    /// <summary>Uses <paramref name="store"/> for idempotency records.</summary>
    /// <param name="store">The store.</param>
    /// <returns>This builder.</returns>
    public LambdaWorkflowServiceBuilder UseIdempotencyStore(IIdempotencyStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Services.Replace(ServiceDescriptor.Singleton(store));
        return this;
    }

    /// <summary>Uses a store of type <typeparamref name="TStore"/>, created by DI, for idempotency records.</summary>
    /// <typeparam name="TStore">The store type.</typeparam>
    /// <returns>This builder.</returns>
    public LambdaWorkflowServiceBuilder UseIdempotencyStore<TStore>()
        where TStore : class, IIdempotencyStore
    {
        Services.Replace(ServiceDescriptor.Singleton<IIdempotencyStore, TStore>());
        return this;
    }

    /// <summary>Changes the dispatcher options in code, after configuration binding.</summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This builder.</returns>
    public LambdaWorkflowServiceBuilder Configure(Action<ServiceDispatcherOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }
}
