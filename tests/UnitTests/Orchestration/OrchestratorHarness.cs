using System.Text;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.Local.State;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.Publishing;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.UnitTests.Engine;

namespace LambdaWorkflow.UnitTests.Orchestration;

/// <summary>The orchestrator over an in-memory store, with a recording publisher and a store that can be made to fail.</summary>
internal sealed class OrchestratorHarness
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private int _messageCounter;

    public OrchestratorHarness(int warmCapacity = 1024, FaultyStore? store = null)
    {
        Store = store ?? new FaultyStore(new InMemoryWorkflowStateStore());
        Orchestrator = new WorkflowOrchestrator(ReplayDriver.Registry(), Store, Publisher, "inbox", new OrchestratorOptions { ConflictRetryDelay = TimeSpan.Zero, WarmInstanceCapacity = warmCapacity });
    }

    public RecordingPublisher Publisher { get; } = new();

    public FaultyStore Store { get; }

    public WorkflowOrchestrator Orchestrator { get; }

    public QueueMessage Message(InboxMessage message) => Raw(InboxMessageReader.ToJson(message), message.InstanceId);

    public QueueMessage Raw(string body, string? group = null)
    {
        var n = Interlocked.Increment(ref _messageCounter);
        return new QueueMessage("m" + n, Encoding.UTF8.GetBytes(body), Epoch.AddSeconds(n), 1, group);
    }

    public Task<MessageOutcome> SendAsync(InboxMessage message) => Orchestrator.HandleAsync(Message(message));

    public static StartWorkflow Start(string workflow, string input, string instanceId = "i-1") =>
        new() { InstanceId = instanceId, Workflow = workflow, Input = JsonPayload.Parse(input) };

    public static InboxMessage Reply(CallRequest command) =>
        FakeService.Answer(command) is { } failure
            ? new CallFailed { InstanceId = command.InstanceId, CallId = command.CallId, Error = failure }
            : new CallCompleted { InstanceId = command.InstanceId, CallId = command.CallId, Result = FakeService.Result(command) };
}

internal sealed class RecordingInbox : IInboxSender
{
    public string Address => "inbox";

    public int FailNext { get; set; }

    public List<InboxMessage> Sent { get; } = [];

    public Task SendAsync(IReadOnlyList<InboxMessage> messages, CancellationToken cancellationToken = default)
    {
        if (FailNext > 0)
        {
            FailNext--;
            throw new IOException("inbox unavailable");
        }

        Sent.AddRange(messages);
        return Task.CompletedTask;
    }
}

internal sealed class RecordingPublisher : ICommandPublisher
{
    private readonly List<CallRequest> _published = [];

    public int FailNext { get; set; }

    public IReadOnlyList<CallRequest> Published
    {
        get
        {
            lock (_published)
            {
                return [.. _published];
            }
        }
    }

    public Task PublishAsync(IReadOnlyList<CallRequest> commands, CancellationToken cancellationToken = default)
    {
        lock (_published)
        {
            if (FailNext > 0)
            {
                FailNext--;
                throw new IOException("publisher unavailable");
            }

            _published.AddRange(commands);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Wraps a store and injects conflicts (after writing the events, like a lost race) or outages.</summary>
internal sealed class FaultyStore(IWorkflowStateStore inner) : IWorkflowStateStore
{
    public int ConflictsToInject { get; set; }

    public int OutagesToInject { get; set; }

    public int Commits { get; private set; }

    public int Loads { get; private set; }

    public Task<InstanceSnapshot?> LoadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        Loads++;
        return inner.LoadAsync(instanceId, cancellationToken);
    }

    public Task<InstanceMetadata?> GetMetadataAsync(string instanceId, CancellationToken cancellationToken = default) => inner.GetMetadataAsync(instanceId, cancellationToken);

    public async Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken = default)
    {
        if (OutagesToInject > 0)
        {
            OutagesToInject--;
            throw new StateStoreUnavailableException("throttled");
        }

        if (ConflictsToInject > 0)
        {
            ConflictsToInject--;
            throw new ConcurrencyConflictException(commit.Metadata.InstanceId, commit.ExpectedVersion);
        }

        await inner.CommitAsync(commit, cancellationToken);
        Commits++;
    }
}
