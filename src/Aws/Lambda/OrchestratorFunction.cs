using LambdaWorkflow.Aws.Metrics;
using LambdaWorkflow.Aws.Sqs;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.Publishing;
using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.Aws.Lambda;

/// <summary>
/// The orchestrator's Lambda entry point behind the inbox queue's event source mapping and, when durable timers are
/// configured, the timer queue's (both with <c>ReportBatchItemFailures</c>): SQS event JSON in, partial batch response
/// JSON out, as streams, so the managed .NET runtime needs no serializer package.
/// </summary>
/// <remarks>
/// <para>Lambda creates the class named in the handler string once per execution environment, with its public
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
/// <c>HandleAsync</c> to it: the runtime refuses an overloaded handler name.</para>
/// <para>One function, two event sources, told apart by the batch's <c>eventSourceARN</c>
/// (<see cref="SqsEventReader.IsFifo"/>): a batch from the FIFO inbox goes to the orchestrator; a batch from a
/// standard queue is the timer queue's and goes to a <see cref="TimerRelay"/>, which sends
/// each due <c>TimerFired</c> to the inbox and delays a not-yet-due one again for its next hop of at most 15 minutes
/// (SQS FIFO queues take no per-message delay, so timers cannot wait in the inbox itself). A timer-queue record the
/// relay rejects is reported failed and left to that queue's redrive policy.</para>
/// </remarks>
public class OrchestratorFunction
{
    private readonly SqsBatchProcessor _processor;
    private readonly SqsBatchProcessor? _timerProcessor;
    private readonly EmfMetricsListener? _metrics;

    /// <summary>Creates the function from a built orchestrator; tests and custom hosts use this.</summary>
    /// <param name="orchestrator">The orchestrator message handler.</param>
    /// <param name="deadLetters">Where rejected inbox messages go; null reports them failed, leaving them to the inbox's redrive policy.</param>
    /// <param name="logger">Logger; null for none.</param>
    public OrchestratorFunction(WorkflowOrchestrator orchestrator, IDeadLetterSink? deadLetters, ILogger? logger = null)
        : this(new SqsBatchProcessor(RequireNotNull(orchestrator).HandleBatchAsync, deadLetters, logger))
    {
    }

    /// <summary>Creates the function around a batch processor for the inbox and, optionally, one for the timer queue.</summary>
    /// <param name="processor">Processes batches from the FIFO inbox.</param>
    /// <param name="timerProcessor">Processes batches from the standard timer queue; null when no timer queue feeds the function.</param>
    /// <param name="metrics">Metrics flushed after every invocation; null writes none.</param>
    public OrchestratorFunction(SqsBatchProcessor processor, SqsBatchProcessor? timerProcessor = null, EmfMetricsListener? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(processor);
        _processor = processor;
        _timerProcessor = timerProcessor;
        _metrics = metrics;
    }

    /// <summary>
    /// Creates the function from the process's environment variables: the hook supplies the workflows, store and
    /// publisher; the function adds <c>LWF_INBOX_QUEUE_URL</c> (required: services reply to it, child workflows and
    /// fired timers are sent to it), <c>LWF_INBOX_DLQ_URL</c> (optional: without it rejected messages are left to the
    /// inbox's redrive policy) and <c>LWF_TIMER_QUEUE_URL</c> (optional: without it a workflow that sets a durable timer
    /// fails its turn with an error naming the missing scheduler).
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

    private OrchestratorFunction((SqsBatchProcessor Inbox, SqsBatchProcessor? Timers) processors, EmfMetricsListener? metrics)
        : this(processors.Inbox, processors.Timers, metrics)
    {
    }

    /// <summary>Handles one invocation: an SQS event in, the records to keep (<c>batchItemFailures</c>) out.</summary>
    /// <exception cref="SqsEventFormatException">The payload is not an SQS event; the invocation fails and Lambda retries the batch.</exception>
    /// <exception cref="InvalidOperationException">The batch comes from a standard queue but the function has no timer queue configured.</exception>
    public async Task<Stream> HandleAsync(Stream input)
    {
        try
        {
            var sqsEvent = await SqsEventReader.ReadAsync(input).ConfigureAwait(false);
            var processor = SqsEventReader.IsFifo(sqsEvent)
                ? _processor
                : _timerProcessor ?? throw new InvalidOperationException(
                    $"A batch from the standard queue '{sqsEvent.Records[0].EventSourceArn}' reached the orchestrator, which takes standard-queue batches "
                    + $"only from its timer queue; set {LambdaEnvironment.TimerQueueUrlVariable}, or map only the FIFO inbox to this function.");
            var response = await processor.ProcessAsync(sqsEvent).ConfigureAwait(false);
            return await SqsBatchProcessor.WriteResponseAsync(response, CancellationToken.None).ConfigureAwait(false);
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

    private static (SqsBatchProcessor Inbox, SqsBatchProcessor? Timers) Compose(LambdaEnvironment environment, Func<LambdaEnvironment, OrchestratorComponents> configure)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(configure);
        var inboxUrl = environment.Require(LambdaEnvironment.InboxQueueUrlVariable);
        var components = configure(environment)
            ?? throw new InvalidOperationException("The orchestrator's configuration hook returned null; return its registry, store and publisher.");
        var loggerFactory = components.Options?.LoggerFactory;
        var sqsOptions = components.Sqs ?? new SqsAdapterOptions { LoggerFactory = loggerFactory };
        var sqs = environment.CreateSqsClient();
        var inbox = new SqsInboxSender(sqs, inboxUrl, sqsOptions);
        var timers = environment.TimerQueueUrl is { } timerQueue ? new SqsTimerScheduler(sqs, timerQueue, sqsOptions) : null;
        var options = components.Options ?? new OrchestratorOptions();
        options.MaxReceiveCount ??= environment.MaxReceiveCount;
        var orchestrator = new WorkflowOrchestrator(components.Registry, components.Store, components.Publisher, inbox.Address, options, timers, inbox);
        var deadLetters = environment.InboxDeadLetterQueueUrl is { } deadLetterQueue ? new SqsDeadLetterSink(sqs, deadLetterQueue, sqsOptions) : null;
        var logger = loggerFactory?.CreateLogger<OrchestratorFunction>();
        var inboxProcessor = new SqsBatchProcessor(orchestrator.HandleBatchAsync, deadLetters, logger);
        if (timers is null)
        {
            return (inboxProcessor, null);
        }

        // The timer queue's own redrive policy keeps what the relay rejects: the inbox's dead-letter queue is FIFO.
        var relay = new TimerRelay(inbox, timers, components.Options?.TimeProvider ?? TimeProvider.System);
        return (inboxProcessor, new SqsBatchProcessor(relay.HandleBatchAsync, deadLetters: null, logger));
    }
}
