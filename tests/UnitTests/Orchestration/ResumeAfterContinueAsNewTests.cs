using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.Local.State;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.UnitTests.Engine;

namespace LambdaWorkflow.UnitTests.Orchestration;

/// <summary>Resume meets continue-as-new and the warm cache: a later run faults, is fixed, resumed, and goes on.</summary>
public sealed class ResumeAfterContinueAsNewTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1024)]
    public async Task HandleAsync_SecondRunFaultsThenIsResumed_ItFinishesItsRunAndTheNextOneRunsLive(int warmCapacity)
    {
        var deployment = new LoopDeployment();
        var publisher = new RecordingPublisher();
        var store = new FaultyStore(new InMemoryWorkflowStateStore());
        var messages = new OrchestratorHarness();
        var orchestrator = new WorkflowOrchestrator(
            new WorkflowRegistry().Add(LoopDeployment.Definition, () => new LoopingWorkflow(deployment)),
            store,
            publisher,
            "inbox",
            new OrchestratorOptions { WarmInstanceCapacity = warmCapacity });
        async Task SendAsync(InboxMessage message)
        {
            var outcome = await orchestrator.HandleAsync(messages.Message(message));
            Assert.True(outcome.Disposition == MessageDisposition.Completed, $"{message.Type}: {outcome.Disposition} ({outcome.Reason})");
        }

        await SendAsync(new StartWorkflow { InstanceId = "l", Workflow = LoopDeployment.Definition.Name, Input = JsonPayload.From(5, PayloadJson.TypeInfo<int>()) });
        await SendAsync(OrchestratorHarness.Reply(publisher.Published[0])); // run 0 ends; run 1 calls
        Assert.Equal("l#1.0", publisher.Published[1].CallId);
        deployment.BreakAfterTheCall = true;
        await SendAsync(OrchestratorHarness.Reply(publisher.Published[1]));
        var parked = (await store.LoadAsync("l"))!;
        Assert.Equal((WorkflowStatus.Faulted, 1), (parked.Metadata.Status, parked.History[0].Attempt));

        deployment.BreakAfterTheCall = false;
        await SendAsync(new ResumeRequested { InstanceId = "l", RequestId = "r-1" });

        Assert.Equal("l#2.0", publisher.Published[^1].CallId); // run 1 finished on resume and run 2 called, live
        var resumed = (await store.LoadAsync("l"))!;
        Assert.Equal((WorkflowStatus.Running, 2, parked.Metadata.EventCount), (resumed.Metadata.Status, resumed.History[0].Attempt, resumed.Metadata.FirstSequence));
        var loadsBefore = store.Loads;
        await SendAsync(OrchestratorHarness.Reply(publisher.Published[^1]));
        Assert.Equal(warmCapacity == 0 ? loadsBefore + 1 : loadsBefore, store.Loads); // the resumed execution stays warm
        Assert.Equal(5 * 2 * 2 * 2, (await store.GetMetadataAsync("l"))!.Output.Deserialize(PayloadJson.TypeInfo<int>()));
    }

    private sealed class LoopDeployment
    {
        public static readonly WorkflowDefinition<int, int> Definition = new("looping");

        public bool BreakAfterTheCall { get; set; }
    }

    /// <summary>Doubles its input once per run, three runs; a broken deployment awaits a foreign task after the call.</summary>
    private sealed class LoopingWorkflow(LoopDeployment deployment) : IWorkflow<int, int>
    {
        public async Task<int> RunAsync(WorkflowContext<int> context)
        {
            var doubled = await context.CallAsync(TestOperations.Double, context.Request);
            if (deployment.BreakAfterTheCall)
            {
                await new TaskCompletionSource().Task; // not a context operation, and never done: faults the instance
            }

            if (context.Run < 2)
            {
                context.ContinueAsNew(doubled);
            }

            return doubled;
        }
    }
}
