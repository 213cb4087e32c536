using System.Text;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.Local.Hosting;
using LambdaWorkflow.Local.Idempotency;
using LambdaWorkflow.ServiceHost.Idempotency;
using LambdaWorkflow.Local.Queues;
using LambdaWorkflow.Local.Routing;
using LambdaWorkflow.Local.State;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.ServiceHost;
using Microsoft.Extensions.Time.Testing;
using OrderFulfillment.Domain;
using OrderFulfillment.Services;

namespace LambdaWorkflow.Simulation;

/// <summary>
/// The whole system on a fake clock, driven one batch at a time: the inbox and service queues, the bus, the store,
/// the orchestrator and the service dispatcher, each wrapped so the injector can kill it at a step boundary.
/// </summary>
public sealed class SimulatedWorld
{
    public static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(30);

    private readonly FaultInjector _faults;
    private readonly ChaosPublisher _publisher;
    private readonly ChaosStore _store;
    private readonly WorkflowRegistry _workflows;

    public SimulatedWorld(FaultInjector faults, SampleOptions plan, bool idempotent)
    {
        _faults = faults;
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Queues = new LocalQueueRegistry(Clock);
        var inboxDlq = Queues.CreateQueue("inbox-dlq.fifo", new LocalQueueOptions { Fifo = true });
        Inbox = Queues.CreateQueue("inbox.fifo", Options(fifo: true), inboxDlq.Name);
        var services = SimulatedServices.Register(new FailurePlan(plan), Ledger);
        var rules = new List<EventRule>();
        foreach (var service in services.Services)
        {
            var dlq = Queues.CreateQueue(service + "-dlq", new LocalQueueOptions());
            ServiceQueues.Add(Queues.CreateQueue(service, Options(fifo: false), dlq.Name));
            rules.Add(new EventRule(service, EventPattern.Parse(EmbeddedRuntime.ServiceRulePattern(service)), service));
        }

        var unrouted = Queues.CreateQueue("unrouted", new LocalQueueOptions());
        Store = new InMemoryWorkflowStateStore();
        _store = new ChaosStore(Store, faults);
        _publisher = new ChaosPublisher(new LocalEventBus(new RuleSet(rules), Queues, unrouted, Clock), faults);
        _workflows = new WorkflowRegistry().Add<OrderWorkflow, OrderRequest, OrderResult>(Workflows.Order);
        var inboxSender = new LocalInboxSender(Inbox);
        Client = new WorkflowClient(inboxSender, Store);
        Orchestrator = NewOrchestrator();
        Dispatcher = new ServiceDispatcher(
            services,
            new ChaosReplySender(new LocalReplySender(Queues), faults),
            new ServiceDispatcherOptions
            {
                DefaultRetry = new ServiceRetryOptions { MaxRetryAttempts = 0 },
                MaxConcurrency = 1,
                TimeProvider = Clock,
                Idempotency = new IdempotencyOptions { Store = idempotent ? new InMemoryIdempotencyStore() : null, Lease = TimeSpan.FromMinutes(2) },
            });
    }

    public FakeTimeProvider Clock { get; }

    public LocalQueueRegistry Queues { get; }

    public LocalQueue Inbox { get; }

    public List<LocalQueue> ServiceQueues { get; } = [];

    public InMemoryWorkflowStateStore Store { get; }

    public SideEffectLedger Ledger { get; } = new();

    public WorkflowClient Client { get; }

    public WorkflowOrchestrator Orchestrator { get; private set; }

    public ServiceDispatcher Dispatcher { get; }

    /// <summary>A new orchestrator: what a crashed or cold Lambda comes back as, with nothing in memory.</summary>
    public void RestartOrchestrator()
    {
        Orchestrator = NewOrchestrator();
        _publisher.Crashed = false;
    }

    /// <summary>Handles a batch synchronously: every store, queue and handler here completes without waiting.</summary>
    public IReadOnlyList<MessageOutcome> Handle(LocalQueue queue, IReadOnlyList<ReceivedLocalMessage> received)
    {
        var batch = received.Select(m => new QueueMessage(m.MessageId, Encoding.UTF8.GetBytes(m.Body), m.SentAt, m.ReceiveCount, m.GroupId)).ToList();
        var task = queue == Inbox ? Orchestrator.HandleBatchAsync(batch) : Dispatcher.HandleBatchAsync(batch);
        if (!task.IsCompleted)
        {
            throw new InvalidOperationException("A simulated step waited on something; the simulation must stay single-threaded to be reproducible.");
        }

        var outcomes = task.GetAwaiter().GetResult();
        if (_publisher.Crashed)
        {
            RestartOrchestrator();
        }

        return outcomes;
    }

    private WorkflowOrchestrator NewOrchestrator() =>
        new(_workflows, _store, _publisher, Inbox.Name, new OrchestratorOptions { ConflictRetryDelay = TimeSpan.Zero, TimeProvider = Clock, MaxConcurrentInstances = 1 });

    private static LocalQueueOptions Options(bool fifo) => new()
    {
        Fifo = fifo,
        VisibilityTimeout = VisibilityTimeout,
        MaxReceiveCount = 1000, // faults must not push healthy messages to a DLQ; poison still goes there at once
    };
}
