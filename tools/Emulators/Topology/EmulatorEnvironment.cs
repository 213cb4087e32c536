using Amazon.DynamoDBv2;
using Amazon.SQS;
using Amazon.SQS.Model;
using LambdaWorkflow.Aws.Diagnostics;
using LambdaWorkflow.Aws.DynamoDb;
using LambdaWorkflow.Aws.EventBridge;
using LambdaWorkflow.Aws.Lambda;
using LambdaWorkflow.Aws.Sqs;
using LambdaWorkflow.Local.Hosting;
using LambdaWorkflow.Local.Routing;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.Publishing;
using LambdaWorkflow.ServiceHost;
using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.Emulators;

/// <summary>
/// The whole AWS deployment on the local emulators, through the real SDK clients: the inbox FIFO queue and its
/// dead-letter queue, the standard timer queue and its dead-letter queue, a queue and dead-letter queue per service, the DynamoDB table, an EventBridge endpoint whose
/// rules route each call to its service's queue, orchestrator and service functions composed from environment
/// variables exactly as on Lambda, and pollers that play Lambda's SQS event source mappings for them.
/// </summary>
/// <remarks>
/// Every request the deployment makes is counted by <see cref="Meter"/>: the functions' own, the event source
/// mappings' receives and deletes, EventBridge's deliveries to the queues, and the workflow starts of
/// <see cref="Client"/>. <see cref="Client"/>'s status reads, and reads of queues by <see cref="GetQueueDepthsAsync"/>
/// and <see cref="DrainAsync"/>, are an observer's, not the deployment's: they go to <see cref="ObserverMeter"/>.
/// </remarks>
public sealed class EmulatorEnvironment : IAsyncDisposable
{
    /// <summary>The account id in delivered events.</summary>
    public const string Account = "000000000000";

    private readonly EmulatorHost _host;
    private readonly WorkflowRegistry _workflows;
    private readonly ServiceRegistry _services;
    private readonly EmulatorEnvironmentOptions _options;
    private readonly Dictionary<string, string> _variables;
    private readonly AmazonSQSClient _sqs;
    private readonly AmazonSQSClient _observerSqs;
    private readonly AmazonDynamoDBClient _observerDynamoDb;
    private readonly List<(EventSourceMappingPoller Poller, Action<PollResult> Observe)> _mappings = [];
    private readonly List<DynamoDbWorkflowStateStore> _stores = [];
    private readonly List<IDisposable> _owned = [];
    private readonly Lock _gate = new();
    private CancellationTokenSource? _stopping;
    private Task[] _running = [];

    private EmulatorEnvironment(
        EmulatorHost host, WorkflowRegistry workflows, ServiceRegistry services, EmulatorEnvironmentOptions options,
        string name, FifoQueuePair inbox, QueuePair timers, IReadOnlyDictionary<string, QueuePair> serviceQueues, QueueAddress unrouted, string tableName)
    {
        _host = host;
        _workflows = workflows;
        _services = services;
        _options = options;
        Name = name;
        Inbox = inbox;
        Timers = timers;
        ServiceQueues = serviceQueues;
        Unrouted = unrouted;
        TableName = tableName;
        _sqs = host.CreateSqsClient(Meter);
        _observerSqs = host.CreateSqsClient(ObserverMeter);
        _observerDynamoDb = host.CreateDynamoDbClient(ObserverMeter);

        var rules = serviceQueues.Select(pair => new EventRule(
            $"{name}-{pair.Key}", EventPattern.Parse(EmbeddedRuntime.ServiceRulePattern(pair.Key)), pair.Value.Queue.QueueUrl));
        Router = new EventBridgeRouter(new RuleSet(rules), _sqs, unrouted.QueueUrl, Account, EmulatorHost.Region);
        EventBridge = LocalEventBridgeEndpoint.Start(new LocalEventBridgeOptions { Region = EmulatorHost.Region, Delivery = Router.DeliverAsync });
        EventBridge.AddCredentials(EmulatorHost.AccessKey, EmulatorHost.SecretKey);

        // What a deployment sets on its functions; each function reads what it needs, as on Lambda.
        _variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [LambdaEnvironment.InboxQueueUrlVariable] = inbox.Queue.QueueUrl,
            [LambdaEnvironment.InboxDeadLetterQueueUrlVariable] = inbox.DeadLetterQueue.QueueUrl,
            [LambdaEnvironment.TimerQueueUrlVariable] = timers.Queue.QueueUrl,
            [LambdaEnvironment.TableNameVariable] = tableName,
            [LambdaEnvironment.EventBusNameVariable] = EventBridgeClientOptions.DefaultEventBusName,
            [LambdaEnvironment.RegionVariable] = EmulatorHost.Region,
            [LambdaEnvironment.SqsEndpointUrlVariable] = host.SqsServiceUrl.ToString(),
            [LambdaEnvironment.DynamoDbEndpointUrlVariable] = host.DynamoDbServiceUrl.ToString(),
            [LambdaEnvironment.EventBridgeEndpointUrlVariable] = EventBridge.ServiceUrl.ToString(),
        };
        if (options.DirectDispatch)
        {
            _variables[LambdaEnvironment.ServiceQueuesVariable] = string.Join(',', serviceQueues.Select(q => q.Key + "=" + q.Value.Queue.QueueUrl));
        }

        var mapping = new EventSourceMappingOptions
        {
            BatchSize = options.BatchSize,
            WaitTimeSeconds = options.WaitTimeSeconds,
            VisibilityTimeoutSeconds = options.VisibilityTimeoutSeconds,
            RedeliveryDelaySeconds = options.RedeliveryDelaySeconds,
        };
        for (var i = 0; i < options.OrchestratorInstances; i++)
        {
            var function = new EmulatedOrchestratorFunction(FunctionEnvironment(serviceDeadLetterQueue: null), ComposeOrchestrator);
            _mappings.Add((new EventSourceMappingPoller(_sqs, inbox.Queue, function.HandleAsync, mapping), Counters.ObserveInbox));
        }

        // The timer queue's mapping invokes the same orchestrator function, which relays due timers to the inbox.
        var relay = new EmulatedOrchestratorFunction(FunctionEnvironment(serviceDeadLetterQueue: null), ComposeOrchestrator);
        _mappings.Add((new EventSourceMappingPoller(_sqs, timers.Queue, relay.HandleAsync, mapping), Counters.ObserveTimers));

        foreach (var (_, queues) in serviceQueues)
        {
            for (var i = 0; i < options.ServiceInstances; i++)
            {
                var function = new EmulatedServiceFunction(FunctionEnvironment(queues.DeadLetterQueue.QueueUrl), ComposeService);
                _mappings.Add((new EventSourceMappingPoller(_sqs, queues.Queue, function.HandleAsync, mapping), Counters.ObserveService));
            }
        }

        var observerStore = new DynamoDbWorkflowStateStore(_observerDynamoDb, new DynamoDbStateStoreOptions { TableName = tableName });
        Client = new WorkflowClient(new SqsInboxSender(_sqs, inbox.Queue.QueueUrl, options.Sqs), observerStore)
        {
            MaxPollInterval = options.ClientPollInterval,
        };
    }

    /// <summary>The prefix of every queue and table name.</summary>
    public string Name { get; }

    /// <summary>The workflow inbox (FIFO) and its dead-letter queue.</summary>
    public FifoQueuePair Inbox { get; }

    /// <summary>The timer queue (standard: durable timers wait there with a delivery delay) and its dead-letter queue.</summary>
    public QueuePair Timers { get; }

    /// <summary>Each service's queue and dead-letter queue, by service name.</summary>
    public IReadOnlyDictionary<string, QueuePair> ServiceQueues { get; }

    /// <summary>Where events that match no rule go (AWS would drop them).</summary>
    public QueueAddress Unrouted { get; }

    /// <summary>The DynamoDB table of workflow state.</summary>
    public string TableName { get; }

    /// <summary>The local EventBridge endpoint; tell it to fail requests or entries.</summary>
    public LocalEventBridgeEndpoint EventBridge { get; }

    /// <summary>EventBridge's routing of accepted entries to the service queues.</summary>
    public EventBridgeRouter Router { get; }

    /// <summary>Starts workflows (through the inbox) and reads their status (from the table).</summary>
    public WorkflowClient Client { get; }

    /// <summary>Counts every request the deployment makes.</summary>
    public AwsRequestMeter Meter { get; } = new();

    /// <summary>Counts the observer's requests: status reads, queue inspection.</summary>
    public AwsRequestMeter ObserverMeter { get; } = new();

    /// <summary>What the event source mappings have done.</summary>
    public EmulatorCounters Counters { get; } = new();

    /// <summary>The DynamoDB usage of every orchestrator's state store together.</summary>
    public DynamoDbUsageSnapshot DynamoDbUsage
    {
        get
        {
            lock (_gate)
            {
                return _stores.Select(store => store.Usage.Snapshot()).Aggregate(default(DynamoDbUsageSnapshot), Add);
            }
        }
    }

    /// <summary>
    /// Creates the queues and the table, starts the EventBridge endpoint and composes the functions; call
    /// <see cref="Start"/> to begin polling.
    /// </summary>
    /// <param name="host">The running emulators.</param>
    /// <param name="workflows">The workflows the orchestrator runs.</param>
    /// <param name="services">The service handlers; each service gets a queue, a rule and functions of its own.</param>
    /// <param name="options">Settings; null for defaults.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    public static async Task<EmulatorEnvironment> CreateAsync(
        EmulatorHost host, WorkflowRegistry workflows, ServiceRegistry services, EmulatorEnvironmentOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(workflows);
        ArgumentNullException.ThrowIfNull(services);
        options ??= new EmulatorEnvironmentOptions();
        options.Validate();
        var name = options.Name ?? "lwf-" + Guid.NewGuid().ToString("N")[..8];
        var inbox = await host.CreateFifoQueueAsync(name + "-inbox", options.MaxReceiveCount, cancellationToken).ConfigureAwait(false);
        var timers = await host.CreateStandardQueueWithDeadLetterAsync(name + "-timers", options.MaxReceiveCount, cancellationToken).ConfigureAwait(false);
        var serviceQueues = new Dictionary<string, QueuePair>(StringComparer.Ordinal);
        foreach (var service in services.Services)
        {
            serviceQueues[service] = await host.CreateStandardQueueWithDeadLetterAsync($"{name}-{service}", options.MaxReceiveCount, cancellationToken).ConfigureAwait(false);
        }

        var unrouted = await host.CreateStandardQueueAsync(name + "-unrouted", cancellationToken).ConfigureAwait(false);
        var tableName = name + "-state";
        await host.CreateTableAsync(tableName, cancellationToken).ConfigureAwait(false);
        return new EmulatorEnvironment(host, workflows, services, options, name, inbox, timers, serviceQueues, unrouted, tableName);
    }

    /// <summary>Starts every event source mapping's pollers.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_stopping is not null)
            {
                return;
            }

            _stopping = new CancellationTokenSource();
            var token = _stopping.Token;
            _running = [.. _mappings.Select(m => Task.Run(() => m.Poller.RunAsync(m.Observe, Counters.ReceiveFailed, token), CancellationToken.None))];
        }
    }

    /// <summary>Stops polling; batches being processed finish and are settled first.</summary>
    public async Task StopAsync()
    {
        CancellationTokenSource? stopping;
        Task[] running;
        lock (_gate)
        {
            (stopping, running, _stopping, _running) = (_stopping, _running, null, []);
        }

        if (stopping is null)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(running).ConfigureAwait(false);
        stopping.Dispose();
    }

    /// <summary>Every request of the deployment, with the capacity units its state stores consumed.</summary>
    public AwsUsageReport Report() => new(Meter.Snapshot(), DynamoDbUsage)
    {
        FalseEmptyReceives = _mappings.Sum(m => m.Poller.FalseEmptyReceives),
        Mappings = MappingUsage.Of(_mappings.Select(m => m.Poller)),
    };

    /// <summary>The approximate depth (visible and in flight) of every queue of the environment, by queue name.</summary>
    public async Task<IReadOnlyDictionary<string, (int Visible, int InFlight)>> GetQueueDepthsAsync(CancellationToken cancellationToken = default)
    {
        var queues = new List<QueueAddress> { Inbox.Queue, Inbox.DeadLetterQueue, Timers.Queue, Timers.DeadLetterQueue, Unrouted };
        queues.AddRange(ServiceQueues.Values.SelectMany(pair => new[] { pair.Queue, pair.DeadLetterQueue }));
        var depths = new SortedDictionary<string, (int, int)>(StringComparer.Ordinal);
        foreach (var queue in queues)
        {
            var attributes = await _observerSqs.GetQueueAttributesAsync(
                new GetQueueAttributesRequest
                {
                    QueueUrl = queue.QueueUrl,
                    AttributeNames = [QueueAttributeName.ApproximateNumberOfMessages, QueueAttributeName.ApproximateNumberOfMessagesNotVisible],
                },
                cancellationToken).ConfigureAwait(false);
            depths[queue.Name] = (attributes.ApproximateNumberOfMessages, attributes.ApproximateNumberOfMessagesNotVisible);
        }

        return depths;
    }

    /// <summary>Receives and deletes every visible message of a queue (a dead-letter queue, say), with all attributes.</summary>
    public async Task<IReadOnlyList<Message>> DrainAsync(QueueAddress queue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var drained = new List<Message>();
        while (true)
        {
            var response = await _observerSqs.ReceiveMessageAsync(
                new ReceiveMessageRequest
                {
                    QueueUrl = queue.QueueUrl,
                    MaxNumberOfMessages = 10,
                    MessageSystemAttributeNames = ["All"],
                    MessageAttributeNames = ["All"],
                },
                cancellationToken).ConfigureAwait(false);
            if (response.Messages is not { Count: > 0 } messages)
            {
                return drained;
            }

            foreach (var message in messages)
            {
                drained.Add(message);
                await _observerSqs.DeleteMessageAsync(queue.QueueUrl, message.ReceiptHandle, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Stops polling, then the EventBridge endpoint, and disposes the clients.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await EventBridge.DisposeAsync().ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var owned in _owned)
            {
                owned.Dispose();
            }

            _owned.Clear();
        }

        _sqs.Dispose();
        _observerSqs.Dispose();
        _observerDynamoDb.Dispose();
    }

    private static DynamoDbUsageSnapshot Add(DynamoDbUsageSnapshot left, DynamoDbUsageSnapshot right) => new(
        left.ReadCapacityUnits + right.ReadCapacityUnits,
        left.WriteCapacityUnits + right.WriteCapacityUnits,
        left.GetItemRequests + right.GetItemRequests,
        left.QueryRequests + right.QueryRequests,
        left.PutItemRequests + right.PutItemRequests,
        left.BatchWriteItemRequests + right.BatchWriteItemRequests,
        left.Retries + right.Retries);

    private LambdaEnvironment FunctionEnvironment(string? serviceDeadLetterQueue)
    {
        var variables = new Dictionary<string, string>(_variables, StringComparer.Ordinal);
        if (serviceDeadLetterQueue is not null)
        {
            variables[LambdaEnvironment.ServiceDeadLetterQueueUrlVariable] = serviceDeadLetterQueue;
        }

        return new LambdaEnvironment(name => variables.GetValueOrDefault(name)) { Credentials = EmulatorHost.Credentials, RequestMeter = Meter };
    }

    /// <summary>The orchestrator's configuration hook, as a deployment writes it: the DynamoDB store and the EventBridge publisher.</summary>
    private OrchestratorComponents ComposeOrchestrator(LambdaEnvironment environment)
    {
        // Injected faults sit under the meter, which LambdaEnvironment has no seam for: build that client here. Its SDK
        // retries are off, so the store's own retries take each injected fault, where its usage counts them.
        var dynamoDb = _options.DynamoDbFaults is { } faults
            ? _host.CreateDynamoDbClient(Meter, faults, maxErrorRetry: 0)
            : environment.CreateDynamoDbClient();
        var storeOptions = new DynamoDbStateStoreOptions
        {
            TableName = environment.Require(LambdaEnvironment.TableNameVariable),
            LoggerFactory = _options.LoggerFactory,
        };
        _options.ConfigureStore?.Invoke(storeOptions);
        var store = new DynamoDbWorkflowStateStore(dynamoDb, storeOptions);

        var eventBridge = new EventBridgeClientOptions
        {
            Region = environment.Region,
            ServiceUrl = new Uri(environment.Require(LambdaEnvironment.EventBridgeEndpointUrlVariable)),
            EventBusName = environment.Require(LambdaEnvironment.EventBusNameVariable),
            Credentials = environment.Credentials,
        };
        _options.ConfigureEventBridge?.Invoke(eventBridge);
        var handler = Meter.CreateHandler();
        var putEvents = new EventBridgePutEventsClient(eventBridge, handler);
        lock (_gate)
        {
            _stores.Add(store);
            _owned.AddRange([dynamoDb, putEvents, handler]);
        }

        // Direct dispatch, when configured, sends calls to the service queues as a deployment would with LWF_SERVICE_QUEUES.
        ICommandPublisher publisher = new EventBridgeCommandPublisher(putEvents, eventBridge, _options.LoggerFactory?.CreateLogger<EventBridgeCommandPublisher>());
        if (environment.ServiceQueues is { } routes)
        {
            var sqs = environment.CreateSqsClient();
            lock (_gate)
            {
                _owned.Add(sqs);
            }

            publisher = new SqsCommandPublisher(sqs, routes, _options.Sqs);
        }

        return new OrchestratorComponents
        {
            Registry = _workflows,
            Store = store,
            Publisher = publisher,
            Options = _options.Orchestrator,
            Sqs = _options.Sqs,
        };
    }

    /// <summary>A service's configuration hook: its handlers; the function adds the reply sender and dead-letter queue.</summary>
    private ServiceComponents ComposeService(LambdaEnvironment environment) => new()
    {
        Registry = _services,
        Options = _options.Services,
        LoggerFactory = _options.LoggerFactory,
        Sqs = _options.Sqs,
    };
}
