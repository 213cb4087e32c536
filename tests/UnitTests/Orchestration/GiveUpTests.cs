using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.Local.State;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.UnitTests.Engine;

namespace LambdaWorkflow.UnitTests.Orchestration;

public sealed class GiveUpTests
{
    [Fact]
    public async Task HandleAsync_StillFailingOnTheLastReceive_DeadLettersWithTheFailureAsReason()
    {
        var publisher = new RecordingPublisher { FailNext = 10 };
        var orchestrator = new WorkflowOrchestrator(ReplayDriver.Registry(), new InMemoryWorkflowStateStore(), publisher, "inbox", new OrchestratorOptions { MaxReceiveCount = 3 });
        var h = new OrchestratorHarness();
        var start = h.Message(OrchestratorHarness.Start("sequential", "1"));

        var second = await orchestrator.HandleAsync(start with { ReceiveCount = 2 });
        var last = await orchestrator.HandleAsync(start with { ReceiveCount = 3 });

        Assert.Equal(MessageDisposition.Retry, second.Disposition);
        Assert.Equal(MessageDisposition.DeadLetter, last.Disposition);
        Assert.Equal("Gave up after 3 receives; last failure: IOException: publisher unavailable", last.Reason);
    }
}
