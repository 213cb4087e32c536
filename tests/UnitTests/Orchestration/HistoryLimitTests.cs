using LambdaWorkflow.Local.State;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.UnitTests.Engine;

namespace LambdaWorkflow.UnitTests.Orchestration;

public sealed class HistoryLimitTests
{
    [Fact]
    public async Task HandleAsync_TurnWouldPassTheHistoryLimit_FailsTheInstanceWithAClearError()
    {
        var publisher = new RecordingPublisher();
        var store = new InMemoryWorkflowStateStore();
        var orchestrator = new WorkflowOrchestrator(ReplayDriver.Registry(), store, publisher, "inbox", new OrchestratorOptions { MaxHistoryEvents = 5 });
        var h = new OrchestratorHarness();
        await orchestrator.HandleAsync(h.Message(OrchestratorHarness.Start("sequential", "1")));
        await orchestrator.HandleAsync(h.Message(OrchestratorHarness.Reply(publisher.Published[0])));
        Assert.Equal(4, (await store.GetMetadataAsync("i-1"))!.EventCount);

        await orchestrator.HandleAsync(h.Message(OrchestratorHarness.Reply(publisher.Published[1])));

        var metadata = await store.GetMetadataAsync("i-1");
        Assert.Equal(WorkflowStatus.Failed, metadata!.Status);
        Assert.Equal("HistoryTooLarge", metadata.Error!.ErrorType);
        Assert.Contains("the limit is 5", metadata.Error.Message, StringComparison.Ordinal);
        Assert.Equal(2, publisher.Published.Count); // the call that would have passed the limit was never sent
    }
}
