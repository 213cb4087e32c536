using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.UnitTests.Orchestration;

public sealed class OrchestratorGuaranteeTests
{
    [Fact]
    public async Task HandleAsync_ResultAppliedTwice_ChangesNothingAndRepublishesOutbox()
    {
        var h = new OrchestratorHarness();
        await h.SendAsync(OrchestratorHarness.Start("fan-out", "2"));
        var first = h.Publisher.Published[0];
        var reply = OrchestratorHarness.Reply(first);
        Assert.Equal(MessageDisposition.Completed, (await h.SendAsync(reply)).Disposition);
        var afterFirst = await h.Store.LoadAsync("i-1");

        var duplicate = await h.SendAsync(reply);

        Assert.Equal(MessageDisposition.Completed, duplicate.Disposition);
        var afterDuplicate = await h.Store.LoadAsync("i-1");
        Assert.Equal(afterFirst!.Metadata.Version, afterDuplicate!.Metadata.Version);
        Assert.Equal(afterFirst.History.Count, afterDuplicate.History.Count);
        Assert.Equal("i-1#1", h.Publisher.Published[^1].CallId); // the still-outstanding call, republished
    }

    [Fact]
    public async Task HandleAsync_CrashBetweenCommitAndPublish_RedeliveryPublishesTheCommands()
    {
        var h = new OrchestratorHarness();
        h.Publisher.FailNext = 1;
        var start = h.Message(OrchestratorHarness.Start("fan-out", "3"));

        var failed = await h.Orchestrator.HandleAsync(start);
        Assert.Equal(MessageDisposition.Retry, failed.Disposition);
        Assert.Empty(h.Publisher.Published);
        Assert.NotNull(await h.Store.GetMetadataAsync("i-1")); // the turn committed

        var redelivered = await h.Orchestrator.HandleAsync(start with { ReceiveCount = 2 });

        Assert.Equal(MessageDisposition.Completed, redelivered.Disposition);
        Assert.Equal(["i-1#0", "i-1#1", "i-1#2"], h.Publisher.Published.Select(c => c.CallId));
        Assert.Equal(1, (await h.Store.GetMetadataAsync("i-1"))!.Version);
    }

    [Fact]
    public async Task HandleAsync_VersionConflict_ReloadsAndRedoesTheTurn()
    {
        var h = new OrchestratorHarness();
        await h.SendAsync(OrchestratorHarness.Start("sequential", "2"));
        h.Store.ConflictsToInject = 2;

        var outcome = await h.SendAsync(OrchestratorHarness.Reply(h.Publisher.Published[0]));

        Assert.Equal(MessageDisposition.Completed, outcome.Disposition);
        Assert.Equal(2, (await h.Store.GetMetadataAsync("i-1"))!.Version);
        Assert.Equal(2, h.Publisher.Published.Count);
    }

    [Fact]
    public async Task HandleAsync_StoreThrottled_LeavesMessageForRetryThenSucceeds()
    {
        var h = new OrchestratorHarness();
        h.Store.OutagesToInject = 1;
        var start = h.Message(OrchestratorHarness.Start("sequential", "2"));

        var throttled = await h.Orchestrator.HandleAsync(start);
        Assert.Equal(MessageDisposition.Retry, throttled.Disposition);
        Assert.Contains("throttled", throttled.Reason, StringComparison.Ordinal);

        Assert.Equal(MessageDisposition.Completed, (await h.Orchestrator.HandleAsync(start)).Disposition);
        Assert.Single(h.Publisher.Published);
    }

    [Fact]
    public async Task HandleAsync_WorkflowRunsToCompletion_StatusAndOutputRecorded()
    {
        var h = new OrchestratorHarness();
        await h.SendAsync(OrchestratorHarness.Start("sequential", "3"));
        for (var i = 0; i < 3; i++)
        {
            await h.SendAsync(OrchestratorHarness.Reply(h.Publisher.Published[i]));
        }

        var metadata = await h.Store.GetMetadataAsync("i-1");
        Assert.Equal(WorkflowStatus.Completed, metadata!.Status);
        Assert.Equal("72", metadata.Output.ToString());
        Assert.Equal(8, metadata.EventCount); // started, 3 x (scheduled, completed), completed
    }

    [Theory]
    [InlineData("{\"type\":\"StartWorkflow\",\"instanceId\":\"i-2\",\"workflow\":\"nope\",\"input\":1}", "Workflow 'nope' is not registered")]
    [InlineData("{\"type\":\"CallCompleted\",\"instanceId\":\"ghost\",\"callId\":\"ghost#0\",\"result\":1}", "instance 'ghost', which does not exist")]
    [InlineData("{\"type\":\"CallCompleted\",\"instanceId\":\"i-1\",\"callId\":\"i-1#9\",\"result\":1}", "never issued call #9")]
    [InlineData("{\"type\":\"CallCompleted\",\"instanceId\":\"i-1\",\"callId\":\"i-1#0\"}", "Field 'result' is missing")]
    [InlineData("{\"type\":\"Unknown\",\"instanceId\":\"i-1\"}", "Field 'type' has unknown value 'Unknown'")]
    [InlineData("{\"$type\":\"System.IO.FileInfo, System.IO\",\"type\":\"StartWorkflow\"}", "Field 'instanceId' is missing")]
    [InlineData("\u0000garbage", "Field '$' is not valid JSON")]
    public async Task HandleAsync_MessageThatCanNeverBeProcessed_DeadLettersWithReason(string body, string reason)
    {
        var h = new OrchestratorHarness();
        await h.SendAsync(OrchestratorHarness.Start("sequential", "1"));

        var outcome = await h.Orchestrator.HandleAsync(h.Raw(body));

        Assert.Equal(MessageDisposition.DeadLetter, outcome.Disposition);
        Assert.Contains(reason, outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleBatchAsync_FailureInOneGroup_RetriesLaterMessagesOfThatGroupOnly()
    {
        var h = new OrchestratorHarness();
        await h.SendAsync(OrchestratorHarness.Start("sequential", "1", "a"));
        h.Publisher.FailNext = 1; // the next turn's publish fails: instance b's start
        var batch = new[]
        {
            h.Message(OrchestratorHarness.Start("sequential", "1", "b")),
            h.Message(OrchestratorHarness.Reply(h.Publisher.Published[0])),
            h.Message(new CancelRequested { InstanceId = "b" }),
            h.Raw("{oops", "b"),
        };

        var outcomes = await h.Orchestrator.HandleBatchAsync(batch);

        Assert.Equal(MessageDisposition.Retry, outcomes[0].Disposition);
        Assert.Equal(MessageDisposition.Completed, outcomes[1].Disposition);
        Assert.Equal(MessageDisposition.Retry, outcomes[2].Disposition);
        Assert.Contains("kept in order", outcomes[2].Reason, StringComparison.Ordinal);
        Assert.Equal(MessageDisposition.DeadLetter, outcomes[3].Disposition);
    }

    [Fact]
    public async Task HandleAsync_LateResultAfterCompletion_IsAcknowledgedAndIgnored()
    {
        var h = new OrchestratorHarness();
        await h.SendAsync(OrchestratorHarness.Start("race", "0"));
        var left = h.Publisher.Published[0];
        var right = h.Publisher.Published[1];
        await h.SendAsync(OrchestratorHarness.Reply(left));
        await h.SendAsync(OrchestratorHarness.Reply(h.Publisher.Published[2])); // "after-left"
        await h.SendAsync(OrchestratorHarness.Reply(right));
        var done = await h.Store.GetMetadataAsync("i-1");
        Assert.Equal(WorkflowStatus.Completed, done!.Status);

        var late = await h.SendAsync(new CallCompleted { InstanceId = "i-1", CallId = right.CallId, Attempt = 2, Result = JsonPayload.Parse("\"x\"") });

        Assert.Equal(MessageDisposition.Completed, late.Disposition);
        Assert.Equal(done.Version, (await h.Store.GetMetadataAsync("i-1"))!.Version);
    }
}
