using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.UnitTests.Engine;

public sealed class WorkflowBehaviourTests
{
    [Fact]
    public void RunTurn_FanOut_DispatchesEveryCallOfTheRunTogether()
    {
        var driver = new ReplayDriver(ReplayDriver.Registry(), "fan-out", warm: false);
        var first = driver.Start(JsonPayload.Parse("5"));

        Assert.Equal(WorkflowStatus.Running, first.Status);
        Assert.Equal(5, first.Commands.Count);
        Assert.Equal(Enumerable.Range(0, 5).Select(n => "instance-1#" + n), first.Commands.Select(c => c.CallId));
        Assert.All(first.Commands, c => Assert.Equal("math.double", c.Service + "." + c.Operation));
    }

    [Fact]
    public void RunTurn_FanOutResultsInAnyOrder_CompletesWithSumOfDoubles()
    {
        var driver = new ReplayDriver(ReplayDriver.Registry(), "fan-out", warm: false);
        driver.Start(JsonPayload.Parse("4"));
        driver.RunToEnd(seed: 3);

        Assert.Equal(WorkflowStatus.Completed, driver.Last.Status);
        Assert.Equal("400", driver.Last.Output.ToString()); // (2+4+6+8)^2
    }

    [Fact]
    public void RunTurn_SequentialCalls_OneCommandPerTurnAndResultFromHistory()
    {
        var driver = new ReplayDriver(ReplayDriver.Registry(), "sequential", warm: false);
        var start = driver.Start(JsonPayload.Parse("3"));
        Assert.Single(start.Commands);
        driver.RunToEnd(seed: 1);

        Assert.Equal(4, driver.Turns.Count);
        Assert.All(driver.Turns.Take(3), t => Assert.Single(t.Commands));
        Assert.Equal("72", driver.Last.Output.ToString()); // ((3*2)^2)*2
        Assert.Equal(HistoryEventType.WorkflowCompleted, driver.History[^1].Type);
    }

    [Fact]
    public void RunTurn_FailedCallCaught_RunsCompensation()
    {
        var driver = new ReplayDriver(ReplayDriver.Registry(), "compensating", warm: false);
        driver.Start(JsonPayload.Parse("\"keep\""));
        driver.RunToEnd(seed: 0);

        Assert.Equal(WorkflowStatus.Completed, driver.Last.Status);
        Assert.Equal("\"compensated:PaymentDeclined\"", driver.Last.Output.ToString());
        Assert.Contains(driver.History, e => e.Type == HistoryEventType.CallScheduled && e.Payload.ToString() == "\"release-book\"");
    }

    [Fact]
    public void RunTurn_FailedCallNotCaught_FailsInstanceWithRemoteError()
    {
        var driver = new ReplayDriver(ReplayDriver.Registry(), "compensating", warm: false);
        driver.Start(JsonPayload.Parse("\"rethrow\""));
        driver.RunToEnd(seed: 0);

        Assert.Equal(WorkflowStatus.Failed, driver.Last.Status);
        Assert.Equal("CallFailedException", driver.Last.Error!.ErrorType);
        Assert.Contains("PaymentDeclined", driver.Last.Error.Message, StringComparison.Ordinal);
        Assert.Contains("broken.fail", driver.Last.Error.Message, StringComparison.Ordinal);
        Assert.Contains("Call instance-1#1 ", driver.Last.Error.Message, StringComparison.Ordinal);
        Assert.Equal(HistoryEventType.WorkflowFailed, driver.History[^1].Type);
    }

    [Fact]
    public void RunTurn_Race_WinnerIsTheFirstResultThatArrived()
    {
        var driver = new ReplayDriver(ReplayDriver.Registry(), "race", warm: false);
        var start = driver.Start(JsonPayload.Parse("0"));
        driver.Answer(start.Commands[1]); // "right" arrives first
        driver.RunToEnd(seed: 0);

        Assert.Equal(WorkflowStatus.Completed, driver.Last.Status);
        Assert.Equal("\"right|after-right|left\"", driver.Last.Output.ToString());
    }

    [Fact]
    public void RunTurn_DeterminismHelpers_TimeAdvancesWithConsumedEvents()
    {
        var driver = new ReplayDriver(ReplayDriver.Registry(), "helpers", warm: false);
        driver.Start(JsonPayload.Parse("0"));
        driver.RunToEnd(seed: 0);

        var parts = driver.Last.Output.Deserialize(LambdaWorkflow.Contracts.PayloadJson.TypeInfo<string>()).Split('|');
        Assert.NotEqual(parts[0], parts[3]); // two different GUIDs
        Assert.Equal(8, Guid.Parse(parts[0]).Version);
        Assert.Equal("2026-01-01T00:00:00.0000000+00:00", parts[2]);
        Assert.Equal("2026-01-01T00:00:01.0000000+00:00", parts[4]);
        Assert.Equal("2026-01-01T00:00:02.0000000+00:00", parts[5]);
    }

    [Fact]
    public void CallAsync_RequestOverLimit_ThrowsPayloadTooLargeAtCallSite()
    {
        var registry = new Orchestrator.WorkflowRegistry().Add(BigRequestWorkflow.Definition, () => new BigRequestWorkflow());
        var driver = new ReplayDriver(registry, BigRequestWorkflow.Definition.Name, warm: false, maxPayloadBytes: 1000);
        var turn = driver.Start(JsonPayload.Parse("2000"));

        Assert.Equal(WorkflowStatus.Completed, turn.Status);
        Assert.Empty(turn.Commands);
        Assert.StartsWith("\"caught: The request of call #0 to echo.say is 2,002 bytes", turn.Output.ToString(), StringComparison.Ordinal);
    }

    private sealed class BigRequestWorkflow : Orchestrator.IWorkflow<int, string>
    {
        public static readonly Orchestrator.WorkflowDefinition<int, string> Definition = new("big-request");

        public async Task<string> RunAsync(Orchestrator.WorkflowContext<int> context)
        {
            try
            {
                return await context.CallAsync(TestOperations.Echo, new string('x', context.Request));
            }
            catch (Orchestrator.PayloadTooLargeException ex)
            {
                return "caught: " + ex.Message;
            }
        }
    }
}
