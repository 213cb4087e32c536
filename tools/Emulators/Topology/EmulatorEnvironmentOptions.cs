using LambdaWorkflow.Aws.DynamoDb;
using LambdaWorkflow.Aws.EventBridge;
using LambdaWorkflow.Aws.Sqs;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.ServiceHost;
using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.Emulators;

/// <summary>Settings of an <see cref="EmulatorEnvironment"/>; the defaults suit tests on a small machine.</summary>
public sealed class EmulatorEnvironmentOptions
{
    /// <summary>Prefix of every queue and table name. Default <c>lwf-</c> and 8 random hex digits, so environments on one emulator never meet.</summary>
    public string? Name { get; set; }

    /// <summary>Orchestrator execution environments: concurrent pollers of the inbox, each invoking its own function instance (own warm cache, own clients). Default 4.</summary>
    public int OrchestratorInstances { get; set; } = 8;

    /// <summary>Execution environments per service: concurrent pollers of its queue, each with its own function instance. Default 2.</summary>
    public int ServiceInstances { get; set; } = 4;

    /// <summary>Records per invocation, 1 to 10. Default 10, Lambda's default for SQS.</summary>
    public int BatchSize { get; set; } = 10;

    /// <summary>Long-poll wait of each receive, in seconds (Lambda waits 20). Default 1, so that stopping is quick.</summary>
    public int WaitTimeSeconds { get; set; } = 1;

    /// <summary>
    /// How long a received message stays invisible, in seconds. Default 30, SQS's default: long enough that a slow batch
    /// on a loaded machine is not handed to a second poller while the first still works on it.
    /// </summary>
    public int VisibilityTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// When set, failed records become visible again after this many seconds (a ChangeMessageVisibility call Lambda does
    /// not make); null (the default) leaves them for the visibility timeout, as Lambda does.
    /// </summary>
    public int? RedeliveryDelaySeconds { get; set; }

    /// <summary>Receives before SQS moves a message to its queue's dead-letter queue. Default 5.</summary>
    public int MaxReceiveCount { get; set; } = 5;

    /// <summary>
    /// Sends calls straight to the service queues (<c>LWF_SERVICE_QUEUES</c>, <c>SqsCommandPublisher</c>) instead of
    /// through EventBridge and its rules. Default false.
    /// </summary>
    public bool DirectDispatch { get; set; }

    /// <summary>Orchestrator settings, shared by every orchestrator instance. Null for defaults.</summary>
    public OrchestratorOptions? Orchestrator { get; set; }

    /// <summary>Service dispatcher settings (concurrency, default retries). Null for defaults.</summary>
    public ServiceDispatcherOptions? Services { get; set; }

    /// <summary>Changes the state store's settings (retries) after the table name is set. Null keeps the defaults.</summary>
    public Action<DynamoDbStateStoreOptions>? ConfigureStore { get; set; }

    /// <summary>Changes the PutEvents client's and publisher's settings (retries) after the endpoint is set. Null keeps the defaults.</summary>
    public Action<EventBridgeClientOptions>? ConfigureEventBridge { get; set; }

    /// <summary>Settings of the SQS adapters (inbox sender, replies, dead letters). Null for defaults.</summary>
    public SqsAdapterOptions? Sqs { get; set; }

    /// <summary>Fails chosen DynamoDB requests of the orchestrators before they reach the emulator (throttling). Null fails none.</summary>
    public AwsFaultInjector? DynamoDbFaults { get; set; }

    /// <summary>Longest wait between two status reads of <see cref="EmulatorEnvironment.Client"/>. Default 500 ms.</summary>
    public TimeSpan ClientPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Logging of the functions and adapters; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Throws when a setting is out of range.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(OrchestratorInstances, 1, nameof(OrchestratorInstances));
        ArgumentOutOfRangeException.ThrowIfLessThan(ServiceInstances, 1, nameof(ServiceInstances));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BatchSize, 10, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfNegative(WaitTimeSeconds, nameof(WaitTimeSeconds));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(WaitTimeSeconds, 20, nameof(WaitTimeSeconds));
        ArgumentOutOfRangeException.ThrowIfLessThan(VisibilityTimeoutSeconds, 1, nameof(VisibilityTimeoutSeconds));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxReceiveCount, 1, nameof(MaxReceiveCount));
    }
}
