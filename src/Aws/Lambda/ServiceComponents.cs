using LambdaWorkflow.Aws.Sqs;
using LambdaWorkflow.ServiceHost;
using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.Aws.Lambda;

/// <summary>What a service function's configuration hook supplies; the function adds the reply sender and dead-letter queue.</summary>
public sealed class ServiceComponents
{
    /// <summary>The handlers the function serves.</summary>
    public required ServiceRegistry Registry { get; init; }

    /// <summary>Dispatcher settings (concurrency, default retries); null for defaults.</summary>
    public ServiceDispatcherOptions? Options { get; init; }

    /// <summary>Logging of the dispatcher, the function and the SQS adapters; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Settings of the reply sender and dead-letter sink (retries, request counter); null for defaults.</summary>
    public SqsAdapterOptions? Sqs { get; init; }
}
