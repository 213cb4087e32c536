using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.UnitTests.Engine;

public sealed class DurablePrimitiveTests
{
    public static TheoryData<string> Workflows() => ["timers", "call-timeout", "retrying", "approval", "status"];

    [Theory]
    [MemberData(nameof(Workflows))]
    public void RunTurn_WarmAndColdOverManySeeds_ReplayAfterEveryStepGivesTheSameTurns(string workflow)
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var warm = new ReplayDriver(ReplayDriver.Registry(), workflow, warm: true);
            var cold = new ReplayDriver(ReplayDriver.Registry(), workflow, warm: false);
            warm.Start(JsonPayload.Parse("2"));
            cold.Start(JsonPayload.Parse("2"));
            warm.RunToEnd(seed);
            cold.RunToEnd(seed);

            Assert.Equal(WorkflowStatus.Completed, warm.Last.Status);
            Assert.Equal(Describe(warm), Describe(cold));
        }
    }

    [Fact]
    public void DelayAsync_TimersFire_WorkflowTimeMovesToTheirDueTimes()
    {
        var driver = new ReplayDriver(ReplayDriver.Registry(), "timers", warm: false);
        var start = driver.Start(JsonPayload.Parse("4"));

        var timer = Assert.Single(start.Timers);
        Assert.Empty(start.Commands);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.Zero), timer.FireAt);
        driver.RunToEnd(seed: 0);

        Assert.Equal("\"8|72\"", driver.Last.Output.ToString());
    }

    [Fact]
    public void CallAsync_TimerBeatsReply_ThrowsCallTimeoutAndIgnoresLateReply()
    {
        var driver = new ReplayDriver(ReplayDriver.Registry(), "call-timeout", warm: false);
        var start = driver.Start(JsonPayload.Parse("3"));
        Assert.Single(start.Commands);

        var turn = driver.Fire(Assert.Single(start.Timers));

        Assert.Equal(WorkflowStatus.Completed, turn.Status);
        Assert.Equal("\"timed out after 5 min\"", turn.Output.ToString());
    }

    [Fact]
    public void CallAsync_ReplyBeatsTimer_ReturnsTheReply()
    {
        var driver = new ReplayDriver(ReplayDriver.Registry(), "call-timeout", warm: true);
        var start = driver.Start(JsonPayload.Parse("3"));

        var turn = driver.Answer(start.Commands[0]);

        Assert.Equal("\"replied:6\"", turn.Output.ToString());
    }

    [Fact]
    public void CallAsync_WithRetryPolicy_EachAttemptIsItsOwnCallWithBackoffTimers()
    {
        var driver = new ReplayDriver(ReplayDriver.Registry(), "retrying", warm: false);
        driver.Start(JsonPayload.Parse("0"));
        driver.RunToEnd(seed: 0);

        Assert.Equal("\"gave up: PaymentDeclined\"", driver.Last.Output.ToString());
        var calls = driver.History.Where(e => e.Type == HistoryEventType.CallScheduled).ToList();
        Assert.Equal([1, 2, 3], calls.Select(c => c.Attempt));
        Assert.Equal(3, calls.Select(c => c.CallNumber).Distinct().Count());
        var backoffs = driver.History.Where(e => e.Type == HistoryEventType.TimerScheduled).Select(e => e.Payload.Deserialize(PayloadJson.TypeInfo<DateTimeOffset>()) - e.Timestamp);
        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)], backoffs);
    }

    [Fact]
    public void WaitForEventAsync_EventArrives_ReturnsItsPayload()
    {
        var driver = new ReplayDriver(ReplayDriver.Registry(), "approval", warm: false);
        var start = driver.Start(JsonPayload.Parse("0"));
        var waiting = driver.Answer(start.Commands[0]);
        Assert.Single(waiting.Timers);

        var turn = driver.Raise("approval", "false");

        Assert.Equal("\"rejected\"", turn.Output.ToString());
    }

    [Fact]
    public void WaitForEventAsync_EventArrivesBeforeTheWait_IsBufferedNotLost()
    {
        var driver = new ReplayDriver(ReplayDriver.Registry(), "approval", warm: false);
        var start = driver.Start(JsonPayload.Parse("0"));
        driver.Raise("approval", "true"); // the workflow is still waiting on its first call
        var turn = driver.Answer(start.Commands[0]);

        Assert.Equal(WorkflowStatus.Completed, turn.Status);
        Assert.Equal("\"approved\"", turn.Output.ToString());
        Assert.Empty(turn.Timers); // the buffered event made the timeout timer unnecessary
    }

    [Fact]
    public void WaitForEventAsync_NoEventInThreeDays_Escalates()
    {
        var driver = new ReplayDriver(ReplayDriver.Registry(), "approval", warm: true);
        var start = driver.Start(JsonPayload.Parse("0"));
        var waiting = driver.Answer(start.Commands[0]);
        var timeout = Assert.Single(waiting.Timers);
        Assert.Equal(TimeSpan.FromDays(3), timeout.FireAt - driver.History.Single(e => e.Type == HistoryEventType.TimerScheduled).Timestamp);

        var escalation = driver.Fire(timeout);
        var done = driver.Answer(Assert.Single(escalation.Commands));

        Assert.Equal("\"escalated:escalate\"", done.Output.ToString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void CancelRequested_WhileWaiting_CompensatesAndEndsCancelled(bool warm)
    {
        var driver = new ReplayDriver(ReplayDriver.Registry(), "cancellable", warm);
        var start = driver.Start(JsonPayload.Parse("0"));
        var waiting = driver.Answer(start.Commands[0]);
        Assert.Single(waiting.Timers);

        var cancelled = driver.Cancel();
        Assert.Equal(WorkflowStatus.Running, cancelled.Status); // compensation runs first
        var release = Assert.Single(cancelled.Commands);
        Assert.Equal("\"release-desk\"", release.Payload.ToString());
        var end = driver.Answer(release);

        Assert.Equal(WorkflowStatus.Cancelled, end.Status);
        Assert.Equal(HistoryEventType.WorkflowCancelled, driver.History[^1].Type);
    }

    [Fact]
    public void SetCustomStatus_EveryTurn_ReportsTheLatestStatus()
    {
        var driver = new ReplayDriver(ReplayDriver.Registry(), "status", warm: false);
        var start = driver.Start(JsonPayload.Parse("3"));
        Assert.Equal("\"step 1 of 3\"", start.CustomStatus.ToString());

        var second = driver.Answer(start.Commands[0]);
        Assert.Equal("\"step 2 of 3\"", second.CustomStatus.ToString());
        driver.RunToEnd(seed: 0);

        Assert.Equal("\"done\"", driver.Last.CustomStatus.ToString());
        Assert.Equal("12", driver.Last.Output.ToString());
    }

    private static List<string> Describe(ReplayDriver driver) =>
        [.. driver.Turns.Select(t =>
            $"{t.Status}|{t.Output}|{t.CustomStatus}|events:{string.Join(";", t.NewEvents.Select(e => $"{e.Sequence}:{e.Type}:{e.CallNumber}:{e.Service}.{e.Operation}:{e.Name}:{e.Payload}"))}" +
            $"|commands:{string.Join(";", t.Commands.Select(c => c.CallId + ":" + c.Payload))}|timers:{string.Join(";", t.Timers.Select(x => x.TimerId + "@" + x.FireAt.ToString("O")))}")];
}
