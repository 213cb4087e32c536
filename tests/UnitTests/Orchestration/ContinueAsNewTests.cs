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

/// <summary>Continue-as-new through the orchestrator: runs, call ids per run, carried events, late replies, crashes.</summary>
public sealed class ContinueAsNewTests
{
    private const string Id = "loop-1";

    [Theory]
    [InlineData(0)]
    [InlineData(1024)]
    public async Task HandleAsync_FiveRuns_EndWithTheSumAndOnlyTheLastRunIsStored(int warmCapacity)
    {
        var harness = new Harness(warmCapacity);
        await harness.SendAsync(new StartWorkflow { InstanceId = Id, Workflow = DoublingLoopWorkflow.Definition.Name, Input = Json(new LoopState(5, 0)) });

        await harness.AnswerEveryCallAsync();

        var snapshot = (await harness.Store.LoadAsync(Id))!;
        var result = snapshot.Metadata.Output.Deserialize(PayloadJson.TypeInfo<string>()).Split('|');
        Assert.Equal(WorkflowStatus.Completed, snapshot.Metadata.Status);
        Assert.Equal("30", result[0]); // 2·(5+4+3+2+1)
        Assert.Equal("run 4", result[1]);
        Assert.Equal(5, result[2].Split(',', StringSplitOptions.RemoveEmptyEntries).Distinct().Count()); // each run its own GUIDs
        Assert.Equal([Id + "#0", Id + "#1.0", Id + "#2.0", Id + "#3.0", Id + "#4.0"], harness.Publisher.Published.Select(c => c.CallId));
        Assert.Equal([HistoryEventType.WorkflowStarted, HistoryEventType.CallScheduled, HistoryEventType.CallCompleted, HistoryEventType.WorkflowCompleted], snapshot.History.Select(e => e.Type));
        Assert.Equal(4, snapshot.History[0].Attempt); // the run number
        Assert.Equal(snapshot.Metadata.FirstSequence, snapshot.History[0].Sequence);
        Assert.Equal("0", snapshot.Metadata.CustomStatus.ToString());
        Assert.Equal(new LoopState(1, 28, string.Empty), snapshot.Metadata.Input.Deserialize(PayloadJson.TypeInfo<LoopState>()) with { Guids = string.Empty });
    }

    [Fact]
    public async Task HandleAsync_WarmAndCold_CommitTheSameRuns()
    {
        var warm = new Harness(1024);
        var cold = new Harness(0);
        foreach (var harness in new[] { warm, cold })
        {
            await harness.SendAsync(new StartWorkflow { InstanceId = Id, Workflow = DoublingLoopWorkflow.Definition.Name, Input = Json(new LoopState(3, 0)) });
            await harness.AnswerEveryCallAsync();
        }

        var (a, b) = ((await warm.Store.LoadAsync(Id))!, (await cold.Store.LoadAsync(Id))!);
        Assert.Equal(a.History, b.History);
        Assert.Equal(warm.Publisher.Published, cold.Publisher.Published); // every run's calls, ids and payloads alike
        Assert.Equal(warm.Store.Commits, cold.Store.Commits);
        Assert.Equal(a.Metadata with { UpdatedAt = default, CreatedAt = default }, b.Metadata with { UpdatedAt = default, CreatedAt = default });
    }

    [Fact]
    public async Task HandleAsync_ItemsSentWhileACallIsOut_AreCarriedIntoLaterRunsAndResentOnesStayDuplicates()
    {
        var harness = new Harness();
        await harness.SendAsync(new StartWorkflow { InstanceId = Id, Workflow = ItemLoopWorkflow.Definition.Name, Input = Json(10) });
        await harness.SendAsync(Item("e-5", 5));
        await harness.SendAsync(Item("e-7", 7));

        await harness.AnswerEveryCallAsync(); // run 0 takes 5; run 1 gets 7 carried, takes it; run 2 waits
        Assert.Equal(2, (await harness.Store.LoadAsync(Id))!.History[0].Attempt);

        var waiting = (await harness.Store.GetMetadataAsync(Id))!.Version;
        Assert.Equal(MessageDisposition.Completed, (await harness.SendAsync(Item("e-7", 7))).Disposition); // resent: consumed a run ago
        Assert.Equal(MessageDisposition.Completed, (await harness.SendAsync(Item("e-5", 5))).Disposition); // and two runs ago
        Assert.Equal(waiting, (await harness.Store.GetMetadataAsync(Id))!.Version);
        Assert.Equal(MessageDisposition.Completed, (await harness.SendAsync(Item("e-0", 0))).Disposition);

        var metadata = (await harness.Store.GetMetadataAsync(Id))!;
        Assert.Equal(WorkflowStatus.Completed, metadata.Status);
        Assert.Equal(22, metadata.Output.Deserialize(PayloadJson.TypeInfo<int>()));
    }

    [Fact]
    public async Task HandleAsync_LateReplyToAnAbandonedCall_IsIgnoredAndAReplyForAFutureRunIsRejected()
    {
        var harness = new Harness();
        await harness.SendAsync(new StartWorkflow { InstanceId = Id, Workflow = AbandoningWorkflow.Definition.Name, Input = Json(0) });
        Assert.Equal(Id + "#1", Assert.Single(harness.Timers.Scheduled).TimerId);

        await harness.SendAsync(new TimerFired { InstanceId = Id, TimerId = Id + "#1", FireAt = DateTimeOffset.UnixEpoch }); // run 0 continues as new
        Assert.Equal(Id + "#1.0", harness.Publisher.Published[^1].CallId);
        var before = (await harness.Store.GetMetadataAsync(Id))!;

        var late = await harness.SendAsync(new CallCompleted { InstanceId = Id, CallId = Id + "#0", Result = Json("slow 0") });
        var future = await harness.SendAsync(new CallCompleted { InstanceId = Id, CallId = Id + "#7.0", Result = Json("?") });

        Assert.Equal(MessageDisposition.Completed, late.Disposition);
        Assert.Equal(MessageDisposition.DeadLetter, future.Disposition);
        Assert.Contains("run 7", future.Reason, StringComparison.Ordinal);
        Assert.Equal(before.Version, (await harness.Store.GetMetadataAsync(Id))!.Version);

        await harness.SendAsync(new CallCompleted { InstanceId = Id, CallId = Id + "#1.0", Result = Json("slow 1") });
        Assert.Equal("call:slow 1", (await harness.Store.GetMetadataAsync(Id))!.Output.Deserialize(PayloadJson.TypeInfo<string>()));
    }

    [Fact]
    public async Task HandleAsync_CrashAfterTheContinuingCommitBeforeThePublish_RedeliveryPublishesTheNewRunsCall()
    {
        var harness = new Harness(warmCapacity: 0);
        await harness.SendAsync(new StartWorkflow { InstanceId = Id, Workflow = DoublingLoopWorkflow.Definition.Name, Input = Json(new LoopState(2, 0)) });
        var reply = OrchestratorHarness.Reply(harness.Publisher.Published.Single());
        harness.Store.ConflictsToInject = 6; // lost races: redone in place five times, then the message is retried
        Assert.Equal(MessageDisposition.Retry, (await harness.SendAsync(reply)).Disposition);
        Assert.Equal(0, (await harness.Store.GetMetadataAsync(Id))!.FirstSequence);

        harness.Publisher.FailNext = 1;
        Assert.Equal(MessageDisposition.Retry, (await harness.SendAsync(reply)).Disposition); // committed run 1, publish failed
        Assert.DoesNotContain(harness.Publisher.Published, c => c.CallId == Id + "#1.0");
        Assert.Equal(MessageDisposition.Completed, (await harness.SendAsync(reply)).Disposition); // for run 0: republishes run 1's outbox

        Assert.Contains(harness.Publisher.Published, c => c.CallId == Id + "#1.0");
        await harness.AnswerEveryCallAsync();
        Assert.Equal("6|run 1", string.Join('|', (await harness.Store.GetMetadataAsync(Id))!.Output.Deserialize(PayloadJson.TypeInfo<string>()).Split('|')[..2]));
    }

    [Fact]
    public async Task HandleAsync_WorkflowContinuesForeverWithoutWaiting_IsFaultedInItsFirstRunSoAFixCanResumeIt()
    {
        var harness = new Harness();

        var outcome = await harness.SendAsync(new StartWorkflow { InstanceId = Id, Workflow = RestlessWorkflow.Definition.Name, Input = Json(0) });

        Assert.Equal(MessageDisposition.Completed, outcome.Disposition);
        var snapshot = (await harness.Store.LoadAsync(Id))!;
        Assert.Equal(WorkflowStatus.Faulted, snapshot.Metadata.Status);
        Assert.Contains("continued as new 1,000 times", snapshot.Metadata.Error!.Message, StringComparison.Ordinal);
        Assert.Equal((0, 0), (snapshot.Metadata.FirstSequence, snapshot.History.Single().Attempt)); // the first run, as started
        Assert.Equal("0", snapshot.Metadata.Input.ToString());
    }

    [Fact]
    public async Task HandleAsync_CrashAfterContinuingBeforeTheCancelWasSent_RedeliveryStillCancelsTheAbandonedChild()
    {
        var harness = new Harness(warmCapacity: 0);
        await harness.SendAsync(new StartWorkflow { InstanceId = "p", Workflow = ChildThenGoWorkflow.Definition.Name, Input = Json(0) });
        Assert.Contains(harness.Inbox.Sent, m => m is StartWorkflow { InstanceId: "p:0" });
        var go = new EventRaised { InstanceId = "p", EventName = "go", EventId = "go-1", Payload = Json(1) };

        harness.Inbox.FailNext = 1;
        Assert.Equal(MessageDisposition.Retry, (await harness.SendAsync(go)).Disposition); // run 1 committed, the cancel not sent
        Assert.Equal(1, (await harness.Store.LoadAsync("p"))!.History[0].Attempt);
        Assert.DoesNotContain(harness.Inbox.Sent, m => m is CancelRequested);
        Assert.Equal(MessageDisposition.Completed, (await harness.SendAsync(go)).Disposition);

        Assert.Contains(harness.Inbox.Sent, m => m is CancelRequested { InstanceId: "p:0" });
        await harness.SendAsync(new CallCompleted { InstanceId = "p", CallId = "p#0", Result = Json(8) }); // the child's late report: dropped
        await harness.SendAsync(go with { EventId = "go-2", Payload = Json(2) });
        Assert.Equal(2, (await harness.Store.GetMetadataAsync("p"))!.Output.Deserialize(PayloadJson.TypeInfo<int>()));
    }

    [Fact]
    public async Task HandleAsync_ChildStartedInTheContinuingTurn_IsNeitherStartedNorCancelled()
    {
        var harness = new Harness();

        await harness.SendAsync(new StartWorkflow { InstanceId = "q", Workflow = ChildAndContinueWorkflow.Definition.Name, Input = Json(0) });

        Assert.Equal(1, (await harness.Store.LoadAsync("q"))!.History[0].Attempt);
        Assert.Empty(harness.Inbox.Sent);
    }

    private static EventRaised Item(string eventId, int value) =>
        new() { InstanceId = Id, EventName = "item", EventId = eventId, Payload = Json(value) };

    private static JsonPayload Json<T>(T value) => JsonPayload.From(value, PayloadJson.TypeInfo<T>());

    private sealed class Harness
    {
        private int _messages;

        public Harness(int warmCapacity = 1024)
        {
            var registry = new WorkflowRegistry()
                .Add<DoublingLoopWorkflow, LoopState, string>(DoublingLoopWorkflow.Definition)
                .Add<ItemLoopWorkflow, int, int>(ItemLoopWorkflow.Definition)
                .Add<AbandoningWorkflow, int, string>(AbandoningWorkflow.Definition)
                .Add<RestlessWorkflow, int, int>(RestlessWorkflow.Definition)
                .Add<ChildThenGoWorkflow, int, int>(ChildThenGoWorkflow.Definition)
                .Add<ChildAndContinueWorkflow, int, int>(ChildAndContinueWorkflow.Definition)
                .Add<ContinuingChildWorkflow, int, int>(ContinuingChildWorkflow.Definition)
                .Add<IdleChildWorkflow, int, int>(IdleChildWorkflow.Definition);
            Orchestrator = new WorkflowOrchestrator(registry, Store, Publisher, "inbox", new OrchestratorOptions { ConflictRetryDelay = TimeSpan.Zero, WarmInstanceCapacity = warmCapacity }, Timers, Inbox);
        }

        public FaultyStore Store { get; } = new(new InMemoryWorkflowStateStore());

        public RecordingPublisher Publisher { get; } = new();

        public RecordingTimers Timers { get; } = new();

        public RecordingInbox Inbox { get; } = new();

        public WorkflowOrchestrator Orchestrator { get; }

        public Task<MessageOutcome> SendAsync(InboxMessage message)
        {
            var n = Interlocked.Increment(ref _messages);
            var body = Encoding.UTF8.GetBytes(InboxMessageReader.ToJson(message));
            return Orchestrator.HandleAsync(new QueueMessage("m" + n, body, DateTimeOffset.UnixEpoch.AddMinutes(n), 1, message.InstanceId));
        }

        /// <summary>Answers each published call once, in order, until none is left unanswered.</summary>
        public async Task AnswerEveryCallAsync()
        {
            for (var answered = 0; answered < Publisher.Published.Count; answered++)
            {
                Assert.Equal(MessageDisposition.Completed, (await SendAsync(OrchestratorHarness.Reply(Publisher.Published[answered]))).Disposition);
            }
        }
    }

    private sealed class RecordingTimers : ITimerScheduler
    {
        public List<TimerFired> Scheduled { get; } = [];

        public Task ScheduleAsync(IReadOnlyList<TimerFired> timers, CancellationToken cancellationToken = default)
        {
            Scheduled.AddRange(timers);
            return Task.CompletedTask;
        }
    }
}
