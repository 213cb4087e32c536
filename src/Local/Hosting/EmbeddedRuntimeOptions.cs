using LambdaWorkflow.Local.Routing;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.ServiceHost;
using LambdaWorkflow.ServiceHost.Callbacks;
using LambdaWorkflow.ServiceHost.Idempotency;
using LambdaWorkflow.ServiceHost.Middleware;
using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.Local.Hosting;

/// <summary>Settings of the embedded runtime.</summary>
public sealed class EmbeddedRuntimeOptions
{
    /// <summary>Base name of the inbox queue: the FIFO queue is <c>{name}.fifo</c>, its dead-letter queue <c>{name}-dlq.fifo</c>. Default <c>lwf-inbox</c>.</summary>
    public string InboxQueueName { get; set; } = "lwf-inbox";

    /// <summary>Prefix of each service's queue, <c>{prefix}{service}</c> (default <c>lwf-</c>).</summary>
    public string ServiceQueuePrefix { get; set; } = "lwf-";

    /// <summary>Receives before a message moves to its dead-letter queue (default 5), as a redrive policy would.</summary>
    public int MaxReceiveCount { get; set; } = 5;

    /// <summary>How long a received message stays invisible (default 30 s).</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First back-off before a message that must be retried is visible again; doubles per receive (default 50 ms).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Batches the orchestrator processes at once (default: processor count, at least 2).</summary>
    public int OrchestratorConcurrency { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Batches each service processes at once (default 8); each batch holds up to 10 calls.</summary>
    public int ServiceConcurrency { get; set; } = 8;

    /// <summary>
    /// Longest single wait of the timer queue (default 15 minutes, as SQS delivery delay); longer timers hop, so the
    /// chaining path runs here as it does on AWS.
    /// </summary>
    public TimeSpan MaxTimerHop { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The state store; null uses a new in-memory store.</summary>
    public IWorkflowStateStore? Store { get; set; }

    /// <summary>Orchestrator settings.</summary>
    public OrchestratorOptions Orchestrator { get; set; } = new();

    /// <summary>Service retry settings used when an operation has none of its own.</summary>
    public ServiceRetryOptions DefaultServiceRetry { get; set; } = new();

    /// <summary>
    /// Idempotency of the service handlers: on by default, with a new in-memory store when <see cref="IdempotencyOptions.Store"/>
    /// is null (pass a <c>SqliteIdempotencyStore</c> to keep records across restarts).
    /// </summary>
    public IdempotencyOptions ServiceIdempotency { get; set; } = new();

    /// <summary>
    /// How often expired idempotency records are deleted, as a table's TTL would, so that a runtime that runs for
    /// weeks holds only the records of its retention window. On <see cref="TimeProvider"/>'s clock; zero or less turns it
    /// off. Default 5 minutes.
    /// </summary>
    public TimeSpan IdempotencyPurgeInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Callbacks of the service handlers: a random signing key when <see cref="CallbackOptions.SigningKey"/> is null, and
    /// timeout checks as delayed messages on the service queues when <see cref="CallbackOptions.TimeoutScheduler"/> is null.
    /// </summary>
    public CallbackOptions ServiceCallbacks { get; set; } = new();

    /// <summary>Middleware around every service handler execution, the first outermost.</summary>
    public IList<IServiceMiddleware> ServiceMiddleware { get; } = [];

    /// <summary>Rules besides the one per service; targets name embedded queues.</summary>
    public IList<EventRule> AdditionalRules { get; } = [];

    /// <summary>
    /// A CloudFormation service module (such as <c>infra/service.yaml</c>) whose <c>AWS::Events::Rule</c> routes each
    /// service's calls, instantiated once per service with <see cref="CloudFormationRuleLoader"/>; null (the default)
    /// builds each service's rule from <see cref="EmbeddedRuntime.ServiceRulePattern"/>. With a template, local routing
    /// is the deployed routing.
    /// </summary>
    public string? ServiceRuleTemplate { get; set; }

    /// <summary>The clock of queues, retries and metadata.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Logging; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
