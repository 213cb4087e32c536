using LambdaWorkflow.Aws.Metrics;
using LambdaWorkflow.Aws.Sqs;
using LambdaWorkflow.Orchestrator;
using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.Aws.Lambda;

/// <summary>
/// The orchestrator's Lambda entry point behind the inbox queue's event source mapping (with
/// <c>ReportBatchItemFailures</c>): SQS event JSON in, partial batch response JSON out, as streams, so the managed
/// .NET runtime needs no serializer package.
/// </summary>
/// <remarks>
/// Lambda creates the class named in the handler string once per execution environment, with its public
/// parameterless constructor, and calls <see cref="HandleAsync"/> per batch. Only your assembly knows your
/// workflows, so derive a class there and pass the configuration hook to the protected constructor:
/// <code>
/// public sealed class Orchestrator() : OrchestratorFunction(env => new OrchestratorComponents
/// {
///     Registry = OrderWorkflows.Registry,
///     Store = /* the DynamoDB store on env.Require(LambdaEnvironment.TableNameVariable) */,
///     Publisher = /* the EventBridge publisher on env.Require(LambdaEnvironment.EventBusNameVariable) */,
/// });
/// </code>
/// and set the handler to <c>MyFunctions::MyFunctions.Orchestrator::HandleAsync</c>. Don't add another method named
/// <c>HandleAsync</c> to it: the runtime refuses an overloaded handler name.
/// </remarks>
public class OrchestratorFunction
{
    private readonly SqsBatchProcessor _processor;
    private readonly EmfMetricsListener? _metrics;

    /// <summary>Creates the function from a built orchestrator; tests and custom hosts use this.</summary>
    /// <param name="orchestrator">The orchestrator message handler.</param>
    /// <param name="deadLetters">Where rejected inbox messages go; null reports them failed, leaving them to the inbox's redrive policy.</param>
    /// <param name="logger">Logger; null for none.</param>
    public OrchestratorFunction(WorkflowOrchestrator orchestrator, IDeadLetterSink? deadLetters, ILogger? logger = null)
        : this(new SqsBatchProcessor(RequireNotNull(orchestrator).HandleBatchAsync, deadLetters, logger))
    {
    }

    /// <summary>Creates the function around a batch processor.</summary>
    /// <param name="processor">The batch processor.</param>
    /// <param name="metrics">Metrics flushed after every invocation; null writes none.</param>
    public OrchestratorFunction(SqsBatchProcessor processor, EmfMetricsListener? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(processor);
        _processor = processor;
        _metrics = metrics;
    }

    /// <summary>
    /// Creates the function from the process's environment variables: the hook supplies the workflows, store and
    /// publisher; the function adds <c>LWF_INBOX_QUEUE_URL</c> (required: services reply to it) and
    /// <c>LWF_INBOX_DLQ_URL</c> (optional: without it rejected messages are left to the inbox's redrive policy).
    /// </summary>
    /// <param name="configure">The configuration hook, called once, with the environment.</param>
    /// <exception cref="InvalidOperationException">A required environment variable is missing, or the hook returned null.</exception>
    protected OrchestratorFunction(Func<LambdaEnvironment, OrchestratorComponents> configure)
        : this(LambdaEnvironment.FromProcess(), configure)
    {
    }

    /// <summary>As <see cref="OrchestratorFunction(Func{LambdaEnvironment, OrchestratorComponents})"/>, with the settings given.</summary>
    protected OrchestratorFunction(LambdaEnvironment environment, Func<LambdaEnvironment, OrchestratorComponents> configure)
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

    private static WorkflowOrchestrator RequireNotNull(WorkflowOrchestrator orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        return orchestrator;
    }

    private static SqsBatchProcessor Compose(LambdaEnvironment environment, Func<LambdaEnvironment, OrchestratorComponents> configure)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(configure);
        var inbox = environment.Require(LambdaEnvironment.InboxQueueUrlVariable);
        var components = configure(environment)
            ?? throw new InvalidOperationException("The orchestrator's configuration hook returned null; return its registry, store and publisher.");
        var loggerFactory = components.Options?.LoggerFactory;
        var orchestrator = new WorkflowOrchestrator(components.Registry, components.Store, components.Publisher, inbox, components.Options);
        var deadLetters = environment.InboxDeadLetterQueueUrl is { } deadLetterQueue
            ? new SqsDeadLetterSink(environment.CreateSqsClient(), deadLetterQueue, components.Sqs ?? new SqsAdapterOptions { LoggerFactory = loggerFactory })
            : null;
        return new SqsBatchProcessor(orchestrator.HandleBatchAsync, deadLetters, loggerFactory?.CreateLogger<OrchestratorFunction>());
    }
}
