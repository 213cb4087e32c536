using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.Local.State;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.UnitTests.Engine;

namespace LambdaWorkflow.UnitTests.Orchestration;

/// <summary>
/// Non-determinism through the orchestrator: a deployment that changes a running workflow's calls parks the instance
/// as faulted. Its recorded history stays as it was, the facts that arrive are kept, and nothing runs or is sent.
/// </summary>
public sealed class ParkedInstanceTests
{
    private readonly DeployableWorkflow _workflow = new();
    private readonly RecordingPublisher _publisher = new();
    private readonly InMemoryWorkflowStateStore _store = new();
    private readonly OrchestratorHarness _messages = new();
    private readonly WorkflowOrchestrator _orchestrator;

    public ParkedInstanceTests() =>
        _orchestrator = new WorkflowOrchestrator(
            new WorkflowRegistry().Add(DeployableWorkflow.Definition, () => _workflow),
            _store,
            _publisher,
            "inbox",
            new OrchestratorOptions { WarmInstanceCapacity = 0 }); // every turn replays, as after a deployment

    [Fact]
    public async Task HandleAsync_CodeChangedUnderARunningInstance_ParksItKeepingTheHistoryAndTheArrivedResult()
    {
        await SendAsync(new StartWorkflow { InstanceId = "p", Workflow = DeployableWorkflow.Definition.Name, Input = JsonPayload.Parse("1") });
        await SendAsync(OrchestratorHarness.Reply(_publisher.Published[0]));
        var before = await _store.LoadAsync("p");

        _workflow.SquareSecond = true; // the deployment changed call #1 from math.double to math.square
        await SendAsync(OrchestratorHarness.Reply(_publisher.Published[1]));

        var parked = await _store.LoadAsync("p");
        Assert.Equal(WorkflowStatus.Faulted, parked!.Metadata.Status);
        Assert.Contains("math.square in the workflow code but math.double in the history", parked.Metadata.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(before!.History, parked.History.Take(before.History.Count)); // nothing recorded was rewritten
        Assert.Equal(HistoryEventType.CallCompleted, Assert.Single(parked.History.Skip(before.History.Count)).Type);
        Assert.Equal(2, _publisher.Published.Count); // no call of the new code was sent
    }

    [Fact]
    public async Task HandleAsync_MessagesForAParkedInstance_AreKeptAndRunNothing()
    {
        await SendAsync(new StartWorkflow { InstanceId = "p", Workflow = DeployableWorkflow.Definition.Name, Input = JsonPayload.Parse("1") });
        _workflow.SquareFirst = true;
        await SendAsync(OrchestratorHarness.Reply(_publisher.Published[0]));
        var parked = await _store.LoadAsync("p");
        Assert.Equal(WorkflowStatus.Faulted, parked!.Metadata.Status);

        await SendAsync(new EventRaised { InstanceId = "p", EventName = "note", EventId = "e-1", Payload = JsonPayload.Parse("true") });
        await SendAsync(new CancelRequested { InstanceId = "p", Reason = "operator" });
        await SendAsync(OrchestratorHarness.Reply(_publisher.Published[0])); // a duplicate adds nothing

        var after = await _store.LoadAsync("p");
        Assert.Equal(WorkflowStatus.Faulted, after!.Metadata.Status);
        Assert.Equal([HistoryEventType.EventReceived, HistoryEventType.CancelRequested], after.History.Skip(parked.History.Count).Select(e => e.Type));
        Assert.Single(_publisher.Published);
    }

    private async Task SendAsync(InboxMessage message)
    {
        var outcome = await _orchestrator.HandleAsync(_messages.Message(message));
        Assert.True(outcome.Disposition == MessageDisposition.Completed, $"{message.Type}: {outcome.Disposition} ({outcome.Reason})");
    }

    private sealed class DeployableWorkflow : IWorkflow<int, int>
    {
        public static readonly WorkflowDefinition<int, int> Definition = new("deployable");

        public bool SquareFirst { get; set; }

        public bool SquareSecond { get; set; }

        public async Task<int> RunAsync(WorkflowContext<int> context)
        {
            var a = await context.CallAsync(SquareFirst ? TestOperations.Square : TestOperations.Double, context.Request);
            return await context.CallAsync(SquareSecond ? TestOperations.Square : TestOperations.Double, a);
        }
    }
}
