using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.Local.Idempotency;
using LambdaWorkflow.Local.Queues;
using LambdaWorkflow.Local.Routing;
using LambdaWorkflow.Local.State;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.Publishing;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.ServiceHost;
using LambdaWorkflow.ServiceHost.Callbacks;
using LambdaWorkflow.ServiceHost.Idempotency;
using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.Local.Hosting;

/// <summary>
/// Everything in one process: the inbox FIFO queue, one queue and rule per service, an EventBridge-like bus, the
/// orchestrator and the service hosts, each pumped from its queue as Lambda's event source mapping would. The
/// orchestrator and handlers are the same code that runs on Lambda.
/// </summary>
public sealed class EmbeddedRuntime : IAsyncDisposable
{
    private readonly List<QueuePump> _pumps = [];
    private readonly EmbeddedRuntimeOptions _options;
    private ITimer? _purge;
    private bool _started;

    /// <summary>Builds the runtime; call <see cref="StartAsync"/> to begin processing.</summary>
    public EmbeddedRuntime(WorkflowRegistry workflows, ServiceRegistry services, EmbeddedRuntimeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        ArgumentNullException.ThrowIfNull(services);
        _options = options ?? new EmbeddedRuntimeOptions();
        var time = _options.TimeProvider;
        Queues = new LocalQueueRegistry(time);
        Store = _options.Store ?? new InMemoryWorkflowStateStore();

        var inboxDlq = Queues.CreateQueue(_options.InboxQueueName + "-dlq.fifo", new LocalQueueOptions { Fifo = true });
        var inbox = Queues.CreateQueue(_options.InboxQueueName + ".fifo", QueueOptions(fifo: true), inboxDlq.Name);
        var unrouted = Queues.CreateQueue(_options.ServiceQueuePrefix + "unrouted", new LocalQueueOptions());
        var timerDlq = Queues.CreateQueue(_options.ServiceQueuePrefix + "timers-dlq", new LocalQueueOptions());
        var timerQueue = Queues.CreateQueue(_options.ServiceQueuePrefix + "timers", QueueOptions(fifo: false, _options.MaxTimerHop), timerDlq.Name);
        var rules = new List<EventRule>(_options.AdditionalRules);
        if (_options.ServiceRuleTemplate is { } template)
        {
            rules.AddRange(CloudFormationRuleLoader.LoadServiceRules(template, services.Services, _options.ServiceQueuePrefix));
        }

        var serviceQueues = new List<LocalQueue>();
        foreach (var service in services.Services)
        {
            var name = _options.ServiceQueuePrefix + service;
            var dlq = Queues.CreateQueue(name + "-dlq", new LocalQueueOptions());
            serviceQueues.Add(Queues.CreateQueue(name, QueueOptions(fifo: false), dlq.Name));
            if (_options.ServiceRuleTemplate is null)
            {
                rules.Add(new EventRule(name, EventPattern.Parse(ServiceRulePattern(service)), name));
            }
        }

        Bus = new LocalEventBus(new RuleSet(rules), Queues, unrouted, time);
        var inboxSender = new LocalInboxSender(inbox);
        Client = new WorkflowClient(inboxSender, Store);
        _options.Orchestrator.TimeProvider = time;
        _options.Orchestrator.MaxReceiveCount ??= _options.MaxReceiveCount;
        _options.Orchestrator.LoggerFactory ??= _options.LoggerFactory;
        var timers = new LocalTimerScheduler(timerQueue, time);
        Orchestrator = new WorkflowOrchestrator(workflows, Store, Bus, inboxSender.Address, _options.Orchestrator, timers, inboxSender);
        var relay = new TimerRelay(inboxSender, timers, time);
        var replies = new LocalReplySender(Queues);
        var serviceOptions = ServiceOptions(time);
        ServiceIdempotencyStore = serviceOptions.Idempotency.Store!;
        var dispatcher = new ServiceDispatcher(services, replies, serviceOptions, _options.LoggerFactory?.CreateLogger<ServiceDispatcher>());
        Callbacks = new CallbackClient(replies, serviceOptions, _options.LoggerFactory?.CreateLogger<CallbackClient>());

        _pumps.Add(new QueuePump(inbox, Orchestrator.HandleBatchAsync, _options.OrchestratorConcurrency, _options.RetryDelay, ObserveInbox));
        _pumps.Add(new QueuePump(timerQueue, relay.HandleBatchAsync, 1, _options.RetryDelay, (_, outcome) => Observe(outcome)));
        foreach (var queue in serviceQueues)
        {
            _pumps.Add(new QueuePump(queue, dispatcher.HandleBatchAsync, _options.ServiceConcurrency, _options.RetryDelay, ObserveService));
        }
    }

    /// <summary>Starts and observes workflow instances.</summary>
    public WorkflowClient Client { get; }

    /// <summary>The state store.</summary>
    public IWorkflowStateStore Store { get; }

    /// <summary>The orchestrator message handler, as a Lambda would run it.</summary>
    public WorkflowOrchestrator Orchestrator { get; }

    /// <summary>Completes, fails and heartbeats pending service calls from outside, with their callback tokens.</summary>
    public CallbackClient Callbacks { get; }

    /// <summary>The services' idempotency records.</summary>
    public IIdempotencyStore ServiceIdempotencyStore { get; }

    /// <summary>The embedded queues, by name.</summary>
    public LocalQueueRegistry Queues { get; }

    /// <summary>The embedded event bus.</summary>
    public LocalEventBus Bus { get; }

    /// <summary>What the runtime has done so far.</summary>
    public RuntimeCounters Counters { get; } = new();

    /// <summary>The EventBridge pattern of the rule that routes a service's calls to its queue.</summary>
    public static string ServiceRulePattern(string service)
    {
        Names.EnsureValid(service, nameof(service));
        return $"{{\"source\":[\"{CallRequestedEvent.DefaultSource}\"],\"detail-type\":[\"{CallRequestedEvent.DetailTypeName}\"],\"detail\":{{\"service\":[\"{service}\"]}}}}";
    }

    /// <summary>
    /// Starts pumping every queue. With a store that can list instances (SQLite), the outbox of every running
    /// instance is republished first: the embedded queues live in memory and died with any earlier process.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_started)
        {
            return;
        }

        _started = true;
        if (Store is IInstanceLister lister and not InMemoryWorkflowStateStore)
        {
            Recovered = await Orchestrator.RecoverAsync(lister, cancellationToken).ConfigureAwait(false);
        }

        foreach (var pump in _pumps)
        {
            pump.Start();
        }

        if (_options.IdempotencyPurgeInterval > TimeSpan.Zero)
        {
            _purge = _options.TimeProvider.CreateTimer(_ => PurgeExpiredRecords(), null, _options.IdempotencyPurgeInterval, _options.IdempotencyPurgeInterval);
        }
    }

    /// <summary>Commands republished by the recovery sweep of <see cref="StartAsync"/>.</summary>
    public int Recovered { get; private set; }

    /// <summary>Stops pumping; batches in progress finish first.</summary>
    public async Task StopAsync()
    {
        if (_started)
        {
            _started = false;
            _purge?.Dispose();
            await Task.WhenAll(_pumps.Select(p => p.StopAsync())).ConfigureAwait(false);
        }
    }

    /// <summary>Depth of every queue, dead-letter queues included.</summary>
    public IReadOnlyList<QueueDepth> GetQueueDepths() =>
        [.. Queues.Queues.OrderBy(q => q.Name, StringComparer.Ordinal).Select(q =>
        {
            var counts = q.GetCounts();
            return new QueueDepth(q.Name, counts.Visible, counts.InFlight, counts.Delayed, counts.OldestMessageAge);
        })];

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private void PurgeExpiredRecords()
    {
        var now = _options.TimeProvider.GetUtcNow();
        switch (ServiceIdempotencyStore)
        {
            case InMemoryIdempotencyStore memory:
                memory.PurgeExpired(now);
                break;
            case SqliteIdempotencyStore sqlite:
                // Fire and forget on a timer thread; a busy database only delays the purge to the next tick.
                _ = sqlite.PurgeExpiredAsync(now).ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
                break;
        }
    }

    private ServiceDispatcherOptions ServiceOptions(TimeProvider time)
    {
        var configured = _options.ServiceCallbacks;
        var callbacks = new CallbackOptions
        {
            // A key that lives as long as the runtime: tokens are only ever completed within this process.
            SigningKey = configured.SigningKey ?? Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            DefaultTimeout = configured.DefaultTimeout,
            DefaultHeartbeatTimeout = configured.DefaultHeartbeatTimeout,
            TimeoutScheduler = configured.TimeoutScheduler ?? new LocalQueueCallbackScheduler(Queues, _options.ServiceQueuePrefix),
        };
        foreach (var key in configured.PreviousSigningKeys)
        {
            callbacks.PreviousSigningKeys.Add(key);
        }

        var options = new ServiceDispatcherOptions
        {
            DefaultRetry = _options.DefaultServiceRetry,
            TimeProvider = time,
            MaxReceiveCount = _options.MaxReceiveCount,
            Idempotency = new IdempotencyOptions
            {
                Store = _options.ServiceIdempotency.Store ?? new InMemoryIdempotencyStore(),
                Lease = _options.ServiceIdempotency.Lease,
                Retention = _options.ServiceIdempotency.Retention,
            },
            Callbacks = callbacks,
        };
        foreach (var middleware in _options.ServiceMiddleware)
        {
            options.Middleware.Add(middleware);
        }

        return options;
    }

    private LocalQueueOptions QueueOptions(bool fifo, TimeSpan? maxDelay = null) => new()
    {
        Fifo = fifo,
        MaxDelay = maxDelay ?? TimeSpan.FromMinutes(15),
        VisibilityTimeout = _options.VisibilityTimeout,
        MaxReceiveCount = _options.MaxReceiveCount,
    };

    private void ObserveInbox(QueueMessage message, MessageOutcome outcome)
    {
        Observe(outcome);
        if (outcome.Disposition == MessageDisposition.Completed)
        {
            Counters.InboxCompleted();
            if (IsCallResult(message.Body.Span))
            {
                Counters.StepApplied();
            }
        }
    }

    internal static bool IsCallResult(ReadOnlySpan<byte> body)
    {
        // A completed message was parsed by the orchestrator, so it has exactly one "type"; the runtime's senders
        // write it first, which saves reading the whole body again for each step. Other writers get the full read.
        if (body.StartsWith("{\"type\":\"CallCompleted\""u8) || body.StartsWith("{\"type\":\"CallFailed\""u8))
        {
            return true;
        }

        return WireJson.ReadDiscriminator(body, "type") is InboxMessageTypes.CallCompleted or InboxMessageTypes.CallFailed;
    }

    private void ObserveService(QueueMessage message, MessageOutcome outcome)
    {
        Observe(outcome);
        if (outcome.Disposition == MessageDisposition.Completed)
        {
            Counters.ServiceCompleted();
        }
    }

    private void Observe(MessageOutcome outcome)
    {
        if (outcome.Disposition == MessageDisposition.Retry)
        {
            Counters.Redelivered();
        }
        else if (outcome.Disposition == MessageDisposition.DeadLetter)
        {
            Counters.DeadLetteredOne();
        }
    }
}
