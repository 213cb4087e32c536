using LambdaWorkflow.ServiceHost.Callbacks;
using LambdaWorkflow.ServiceHost.Idempotency;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LambdaWorkflow.ServiceHost.DependencyInjection;

/// <summary>Fills the dispatcher options' object settings from DI, where code and configuration left them unset.</summary>
internal sealed class DispatcherOptionsFromServices(IServiceProvider services) : IPostConfigureOptions<ServiceDispatcherOptions>
{
    public void PostConfigure(string? name, ServiceDispatcherOptions options)
    {
        options.ScopeFactory ??= services.GetRequiredService<IServiceScopeFactory>();
        options.Idempotency.Store ??= services.GetService<IIdempotencyStore>();
        options.Callbacks.TimeoutScheduler ??= services.GetService<ICallbackTimeoutScheduler>();
        if (ReferenceEquals(options.TimeProvider, TimeProvider.System) && services.GetService<TimeProvider>() is { } time)
        {
            options.TimeProvider = time;
        }
    }
}
