using System.Text;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.Local.State;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.UnitTests.Engine;
using LambdaWorkflow.UnitTests.Orchestration;

namespace LambdaWorkflow.UnitTests.BadInput;

/// <summary>
/// The orchestrator over an in-memory store, with instances to aim hostile messages at and helpers that answer
/// their calls until they finish.
/// </summary>
internal sealed class InboxBatch
{
    /// <summary>The instance the batch's good replies are for, and the default message group of a hostile message.</summary>
    public const string Victim = "v";

    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly HashSet<string> _answered = new(StringComparer.Ordinal);
    private int _messages;

    public InboxBatch()
    {
        Store = new StubbornStore(new InMemoryWorkflowStateStore());
        Orchestrator = new WorkflowOrchestrator(
            ReplayDriver.Registry().Add<EchoWorkflow, object, Echoed>(EchoWorkflow.Definition),
            Store,
            Publisher,
            "inbox",
            new OrchestratorOptions { ConflictRetryDelay = TimeSpan.Zero, MaxConflictRetries = 2 });
    }

    public RecordingPublisher Publisher { get; } = new();

    public StubbornStore Store { get; }

    public WorkflowOrchestrator Orchestrator { get; }

    public QueueMessage Raw(string body, string? group = Victim) => Bytes(Encoding.UTF8.GetBytes(body), group);

    public QueueMessage Bytes(byte[] body, string? group = Victim)
    {
        var n = ++_messages;
        return new QueueMessage("m" + n, body, Epoch.AddSeconds(n), 1, group);
    }

    public QueueMessage Message(InboxMessage message) => Raw(InboxMessageReader.ToJson(message), message.InstanceId);

    public static StartWorkflow Start(string instanceId, string workflow, string input) =>
        new() { InstanceId = instanceId, Workflow = workflow, Input = JsonPayload.Parse(input) };

    /// <summary>Processes one message alone and checks that it completed.</summary>
    public async Task SendAsync(InboxMessage message)
    {
        var outcome = await Orchestrator.HandleAsync(Message(message));
        Assert.True(outcome.Disposition == MessageDisposition.Completed, $"{message.Type} for '{message.InstanceId}': {outcome.Disposition} ({outcome.Reason})");
    }

    public Task StartAsync(string instanceId, string workflow, string input) => SendAsync(Start(instanceId, workflow, input));

    /// <summary>The fake service's reply to a published call, which then counts as answered.</summary>
    public QueueMessage Reply(string callId)
    {
        var command = Publisher.Published.First(c => c.CallId == callId);
        _answered.Add(callId);
        return Message(OrchestratorHarness.Reply(command));
    }

    /// <summary>Answers every published, unanswered call of the instances, one message at a time, until none is left.</summary>
    public async Task RunToEndAsync(params string[] instanceIds)
    {
        for (var round = 0; round < 100; round++)
        {
            var next = Publisher.Published.FirstOrDefault(c => instanceIds.Contains(c.InstanceId) && !_answered.Contains(c.CallId));
            if (next is null)
            {
                return;
            }

            var outcome = await Orchestrator.HandleAsync(Reply(next.CallId));
            Assert.True(outcome.Disposition == MessageDisposition.Completed, $"reply to {next.CallId}: {outcome.Disposition} ({outcome.Reason})");
        }

        Assert.Fail("The instances did not finish within 100 replies.");
    }

    public async Task<InstanceMetadata> MetadataAsync(string instanceId) =>
        await Store.GetMetadataAsync(instanceId) ?? throw new InvalidOperationException($"Instance '{instanceId}' does not exist.");

    public async Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string instanceId) =>
        (await Store.LoadAsync(instanceId) ?? throw new InvalidOperationException($"Instance '{instanceId}' does not exist.")).History;
}
