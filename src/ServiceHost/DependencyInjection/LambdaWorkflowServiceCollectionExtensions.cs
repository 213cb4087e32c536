using LambdaWorkflow.ServiceHost.Callbacks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LambdaWorkflow.ServiceHost.DependencyInjection;

/// <summary>Registers a LambdaWorkflow service host: its handlers, dispatcher, options and callback client.</summary>
public static class LambdaWorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Registers the service host: a <see cref="ServiceRegistry"/>, a <see cref="ServiceDispatcher"/> (singleton; it needs an
    /// <see cref="IReplySender"/>, which the transport registers), <see cref="ServiceDispatcherOptions"/>, and a
    /// <see cref="CallbackClient"/> (resolvable once callbacks are configured). Handlers mapped with
    /// <see cref="OperationMapping{TRequest, TResponse}.To{THandler}"/> are resolved per message from a new DI scope.
    /// Calling it again adds to the same registration.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Maps operations and adds middleware or stores.</param>
    /// <returns>The builder, for further configuration.</returns>
    public static LambdaWorkflowServiceBuilder AddLambdaWorkflowService(this IServiceCollection services, Action<LambdaWorkflowServiceBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registry = services.FirstOrDefault(d => d.ServiceType == typeof(ServiceRegistry))?.ImplementationInstance as ServiceRegistry;
        if (registry is null)
        {
            registry = new ServiceRegistry();
            services.AddSingleton(registry);
            services.AddOptions<ServiceDispatcherOptions>();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<ServiceDispatcherOptions>, DispatcherOptionsFromServices>());
            services.TryAddSingleton(provider => new ServiceDispatcher(
                provider.GetRequiredService<ServiceRegistry>(),
                provider.GetRequiredService<IReplySender>(),
                provider.GetRequiredService<IOptions<ServiceDispatcherOptions>>().Value,
                provider.GetService<ILogger<ServiceDispatcher>>()));
            services.TryAddSingleton(provider => new CallbackClient(
                provider.GetRequiredService<IReplySender>(),
                provider.GetRequiredService<IOptions<ServiceDispatcherOptions>>().Value,
                provider.GetService<ILogger<CallbackClient>>()));
        }

        var builder = new LambdaWorkflowServiceBuilder(services, registry);
        configure?.Invoke(builder);
        return builder;
    }

    /// <summary>
    /// Registers the service host with its options bound from <paramref name="configuration"/>, such as
    /// <c>MaxConcurrency</c>, <c>MaxReceiveCount</c>, <c>DefaultRetry:MaxRetryAttempts</c>,
    /// <c>Operations:inventory.reserve:Retry:BaseDelay</c>, <c>Idempotency:Lease</c>, <c>Callbacks:SigningKey</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section of the service host.</param>
    /// <param name="configure">Maps operations and adds middleware or stores.</param>
    /// <returns>The builder, for further configuration.</returns>
    public static LambdaWorkflowServiceBuilder AddLambdaWorkflowService(
        this IServiceCollection services, IConfiguration configuration, Action<LambdaWorkflowServiceBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddLambdaWorkflowService(configure: null);
        services.AddOptions<ServiceDispatcherOptions>().Bind(configuration);
        configure?.Invoke(builder);
        return builder;
    }
}
