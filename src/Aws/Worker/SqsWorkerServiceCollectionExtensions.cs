using Amazon.SQS;
using LambdaWorkflow.ServiceHost;
using LambdaWorkflow.ServiceHost.Callbacks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LambdaWorkflow.Aws.Worker;

/// <summary>Registers <see cref="SqsPollingWorker"/> as a hosted service.</summary>
public static class SqsWorkerServiceCollectionExtensions
{
    /// <summary>
    /// Hosts the service's handlers (registered with <c>AddLambdaWorkflowService</c>) in a polling worker. Needs an
    /// <see cref="IAmazonSQS"/> in DI. Registers, unless already there, an <see cref="IReplySender"/> that sends replies
    /// over SQS and an <see cref="ICallbackTimeoutScheduler"/> that sends timeout checks to the worker's queue.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the worker options.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddSqsPollingWorker(this IServiceCollection services, Action<SqsWorkerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddSqsPollingWorkerCore().Configure(configure);
        return services;
    }

    /// <summary>Hosts the service's handlers in a polling worker, its options bound from <paramref name="configuration"/> (<c>QueueUrl</c>, <c>MaxConcurrency</c>, ...).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The worker's configuration section.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddSqsPollingWorker(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSqsPollingWorkerCore().Bind(configuration);
        return services;
    }

    private static OptionsBuilder<SqsWorkerOptions> AddSqsPollingWorkerCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IReplySender>(provider => new WorkerReplySender(new SqsWorkerQueue(provider.GetRequiredService<IAmazonSQS>())));
        services.TryAddSingleton<ICallbackTimeoutScheduler>(provider => new SqsCallbackTimeoutScheduler(
            provider.GetRequiredService<IAmazonSQS>(), provider.GetRequiredService<IOptions<SqsWorkerOptions>>().Value.QueueUrl));
        services.AddHostedService<SqsPollingWorker>();
        return services.AddOptions<SqsWorkerOptions>();
    }
}
