using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.Local.State;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.UnitTests.Engine;

namespace LambdaWorkflow.UnitTests.Orchestration;

/// <summary>
/// A deployment faults a running instance; the next deployment fixes the code and a resume request runs the instance
/// again, on the old path where it had been, with the results that arrived while it was parked.
/// </summary>
public sealed class ResumeFaultedTests
{
    private readonly Deployment _deployment = new();
    private readonly RecordingPublisher _publisher = new();
    private readonly InMemoryWorkflowStateStore _store = new();
    private readonly OrchestratorHarness _messages = new();
    private readonly WorkflowOrchestrator _orchestrator;

    public ResumeFaultedTests() =>
        _orchestrator = new WorkflowOrchestrator(
            new WorkflowRegistry().Add(Deployment.Definition, () => new DeployedWorkflow(_deployment)),
            _store,
            _publisher,
            "inbox",
            new OrchestratorOptions { WarmInstanceCapacity = 0 });

    [Fact]
    public async Task HandleAsync_FixedDeploymentResumed_FinishesOnTheOldPathWithTheEventThatArrivedWhileParked()
    {
        await SendAsync(Start("old", 3));
        await SendAsync(OrchestratorHarness.Reply(_publisher.Published[0]));
        _deployment.Version = 2; // squares the second call without a version check: non-deterministic
        await SendAsync(OrchestratorHarness.Reply(_publisher.Published[1]));
        Assert.Equal(WorkflowStatus.Faulted, (await _store.GetMetadataAsync("old"))!.Status);
        await SendAsync(new EventRaised { InstanceId = "old", EventName = "confirm", EventId = "c-1", Payload = JsonPayload.Parse("true") });

        _deployment.Version = 3; // the fix: the square only where GetVersion says the code is new
        await SendAsync(new ResumeRequested { InstanceId = "old", RequestId = "r-1", Reason = "fixed in 3" });

        var resumed = (await _store.LoadAsync("old"))!;
        Assert.Equal(WorkflowStatus.Completed, resumed.Metadata.Status);
        Assert.Null(resumed.Metadata.Error);
        Assert.Equal(12, resumed.Metadata.Output.Deserialize(PayloadJson.TypeInfo<int>())); // double(double(3))
        Assert.Equal(2, _publisher.Published.Count); // no new call: both results were in the history

        await SendAsync(Start("new", 3));
        await SendAsync(OrchestratorHarness.Reply(_publisher.Published[2]));
        Assert.Equal(TestOperations.Square.Operation, _publisher.Published[3].Operation); // new instances take the new path
    }

    [Fact]
    public async Task HandleAsync_FaultedOnItsFirstTurn_ResumeRunsTheFixedCodeLive()
    {
        _deployment.AwaitTaskDelay = true;
        await SendAsync(Start("early", 5));
        Assert.Equal(WorkflowStatus.Faulted, (await _store.GetMetadataAsync("early"))!.Status);
        Assert.Empty(_publisher.Published);

        _deployment.AwaitTaskDelay = false;
        await SendAsync(new ResumeRequested { InstanceId = "early", RequestId = "r-1" });

        Assert.Equal(WorkflowStatus.Running, (await _store.GetMetadataAsync("early"))!.Status);
        await SendAsync(OrchestratorHarness.Reply(Assert.Single(_publisher.Published)));
        await SendAsync(OrchestratorHarness.Reply(_publisher.Published[1]));
        await SendAsync(new EventRaised { InstanceId = "early", EventName = "confirm", EventId = "c-1", Payload = JsonPayload.Parse("true") });
        Assert.Equal(WorkflowStatus.Completed, (await _store.GetMetadataAsync("early"))!.Status);
    }

    [Fact]
    public async Task HandleAsync_ResumeWhileTheCodeIsStillBroken_FaultsAgainWithTheNewReason()
    {
        await SendAsync(Start("still", 3));
        await SendAsync(OrchestratorHarness.Reply(_publisher.Published[0]));
        _deployment.Version = 2;
        await SendAsync(OrchestratorHarness.Reply(_publisher.Published[1]));
        var parked = (await _store.GetMetadataAsync("still"))!;

        await SendAsync(new ResumeRequested { InstanceId = "still", RequestId = "r-1" });

        var after = (await _store.GetMetadataAsync("still"))!;
        Assert.Equal(WorkflowStatus.Faulted, after.Status);
        Assert.Equal(parked.Version + 1, after.Version);
        Assert.Contains("math.square in the workflow code but math.double in the history", after.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(2, _publisher.Published.Count);
    }

    [Fact]
    public async Task HandleAsync_ResumeCommittedButItsCallWasNotPublished_RedeliveryPublishesIt()
    {
        _deployment.AwaitTaskDelay = true;
        await SendAsync(Start("crashy", 5));
        _deployment.AwaitTaskDelay = false;
        var resume = new ResumeRequested { InstanceId = "crashy", RequestId = "r-1" };

        _publisher.FailNext = 1;
        Assert.Equal(MessageDisposition.Retry, (await _orchestrator.HandleAsync(_messages.Message(resume))).Disposition);
        Assert.Equal(WorkflowStatus.Running, (await _store.GetMetadataAsync("crashy"))!.Status);
        Assert.Empty(_publisher.Published);
        await SendAsync(resume);

        Assert.Equal("crashy#0", Assert.Single(_publisher.Published).CallId);
    }

    [Fact]
    public async Task HandleAsync_ResumeOfARunningOrUnknownInstance_ChangesNothingOrIsDeadLettered()
    {
        await SendAsync(Start("fine", 3));
        var before = (await _store.GetMetadataAsync("fine"))!;

        await SendAsync(new ResumeRequested { InstanceId = "fine", RequestId = "r-1" });
        var unknown = await _orchestrator.HandleAsync(_messages.Message(new ResumeRequested { InstanceId = "nobody", RequestId = "r-1" }));

        Assert.Equal(before, await _store.GetMetadataAsync("fine"));
        Assert.Equal(["fine#0", "fine#0"], _publisher.Published.Select(c => c.CallId)); // only its outbox, repeated
        Assert.Equal(MessageDisposition.DeadLetter, unknown.Disposition);
        Assert.Contains("'nobody', which does not exist", unknown.Reason, StringComparison.Ordinal);
    }

    private static StartWorkflow Start(string id, int input) =>
        new() { InstanceId = id, Workflow = Deployment.Definition.Name, Input = JsonPayload.From(input, PayloadJson.TypeInfo<int>()) };

    private async Task SendAsync(InboxMessage message)
    {
        var outcome = await _orchestrator.HandleAsync(_messages.Message(message));
        Assert.True(outcome.Disposition == MessageDisposition.Completed, $"{message.Type}: {outcome.Disposition} ({outcome.Reason})");
    }

    /// <summary>What the "deployed" code does; tests change it between messages as deployments would.</summary>
    private sealed class Deployment
    {
        public static readonly WorkflowDefinition<int, int> Definition = new("deployed");

        public int Version { get; set; } = 1;

        public bool AwaitTaskDelay { get; set; }
    }

    private sealed class DeployedWorkflow(Deployment deployment) : IWorkflow<int, int>
    {
        public async Task<int> RunAsync(WorkflowContext<int> context)
        {
            if (deployment.AwaitTaskDelay)
            {
                await new TaskCompletionSource().Task; // not a context operation, and never done: faults the instance
            }

            var a = await context.CallAsync(TestOperations.Double, context.Request);
            var square = deployment.Version switch
            {
                1 => false,
                2 => true,
                _ => context.GetVersion("square-second", WorkflowContext.DefaultVersion, 1) == 1,
            };
            var b = await context.CallAsync(square ? TestOperations.Square : TestOperations.Double, a);
            await context.WaitForEventAsync<bool>("confirm");
            return b;
        }
    }
}
