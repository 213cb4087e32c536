using LambdaWorkflow.Aws.Metrics;
using LambdaWorkflow.Aws.Sqs;
using LambdaWorkflow.ServiceHost;
using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.Aws.Lambda;

/// <summary>
/// A service's Lambda entry point behind its queue's event source mapping (with <c>ReportBatchItemFailures</c>):
/// SQS event JSON in, partial batch response JSON out, as streams. Each record is a <c>CallRequested</c> event;
/// the reply goes to the call's <c>replyTo</c> queue URL.
/// </summary>
/// <remarks>
/// As with <see cref="OrchestratorFunction"/>, derive a class in your assembly and pass the hook:
/// <code>
/// public sealed class InventoryFunction() : ServiceFunction(env => new ServiceComponents
/// {
///     Registry = new ServiceRegistry().Map(Inventory.Reserve, new ReserveHandler()),
/// });
/// </code>
/// with the handler <c>MyFunctions::MyFunctions.InventoryFunction::HandleAsync</c>.
/// </remarks>
public class ServiceFunction
{
    private readonly SqsBatchProcessor _processor;
    private readonly EmfMetricsListener? _metrics;

    /// <summary>Creates the function from a built dispatcher; tests and custom hosts use this.</summary>
    /// <param name="dispatcher">The service dispatcher, with its reply sender.</param>
    /// <param name="deadLetters">Where rejected commands go; null reports them failed, leaving them to the queue's redrive policy.</param>
    /// <param name="logger">Logger; null for none.</param>
    public ServiceFunction(ServiceDispatcher dispatcher, IDeadLetterSink? deadLetters, ILogger? logger = null)
        : this(new SqsBatchProcessor(RequireNotNull(dispatcher).HandleBatchAsync, deadLetters, logger))
    {
    }

    /// <summary>Creates the function around a batch processor.</summary>
    /// <param name="processor">The batch processor.</param>
    /// <param name="metrics">Metrics flushed after every invocation; null writes none.</param>
    public ServiceFunction(SqsBatchProcessor processor, EmfMetricsListener? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(processor);
        _processor = processor;
        _metrics = metrics;
    }

    /// <summary>
    /// Creates the function from the process's environment variables: the hook supplies the handlers; the function
    /// adds an <see cref="SqsReplySender"/> and <c>LWF_SERVICE_DLQ_URL</c> (optional: without it rejected commands are
    /// left to the queue's redrive policy).
    /// </summary>
    /// <param name="configure">The configuration hook, called once, with the environment.</param>
    /// <exception cref="InvalidOperationException">The hook returned null.</exception>
    protected ServiceFunction(Func<LambdaEnvironment, ServiceComponents> configure)
        : this(LambdaEnvironment.FromProcess(), configure)
    {
    }

    /// <summary>As <see cref="ServiceFunction(Func{LambdaEnvironment, ServiceComponents})"/>, with the settings given.</summary>
    protected ServiceFunction(LambdaEnvironment environment, Func<LambdaEnvironment, ServiceComponents> configure)
        : this(Compose(environment, configure), environment?.CreateMetricsListener())
    {
    }

    /// <summary>Handles one invocation: an SQS event in, the records to keep (<c>batchItemFailures</c>) out.</summary>
    /// <exception cref="SqsEventFormatException">The payload is not an SQS event; the invocation fails and Lambda retries the batch.</exception>
    public async Task<Stream> HandleAsync(Stream input)
    {
        try
        {
            return await _processor.ProcessAsync(input).ConfigureAwait(false);
        }
        finally
        {
            // One flush per invocation: the metrics land in this invocation's log, before Lambda may freeze the process.
            _metrics?.Flush();
        }
    }

    private static ServiceDispatcher RequireNotNull(ServiceDispatcher dispatcher)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        return dispatcher;
    }

    private static SqsBatchProcessor Compose(LambdaEnvironment environment, Func<LambdaEnvironment, ServiceComponents> configure)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(configure);
        var components = configure(environment)
            ?? throw new InvalidOperationException("The service's configuration hook returned null; return its registry.");
        var sqsOptions = components.Sqs ?? new SqsAdapterOptions { LoggerFactory = components.LoggerFactory };

        // One client for replies and dead letters: it lives as long as the execution environment.
        var sqs = environment.CreateSqsClient();
        var options = components.Options ?? new ServiceDispatcherOptions();
        options.MaxReceiveCount ??= environment.MaxReceiveCount;
        var dispatcher = new ServiceDispatcher(
            components.Registry,
            new SqsReplySender(sqs, sqsOptions),
            options,
            components.LoggerFactory?.CreateLogger<ServiceDispatcher>());
        var deadLetters = environment.ServiceDeadLetterQueueUrl is { } deadLetterQueue
            ? new SqsDeadLetterSink(sqs, deadLetterQueue, sqsOptions)
            : null;
        return new SqsBatchProcessor(dispatcher.HandleBatchAsync, deadLetters, components.LoggerFactory?.CreateLogger<ServiceFunction>());
    }
}
