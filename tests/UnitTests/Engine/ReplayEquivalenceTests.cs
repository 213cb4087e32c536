using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator.Engine;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.UnitTests.Engine;

/// <summary>
/// Running a workflow warm (one execution kept in memory, no replay) and cold (replayed from history after every
/// single result) must give the same events, the same commands and the same result.
/// </summary>
public sealed class ReplayEquivalenceTests
{
    public static TheoryData<string, string> Workflows() => new()
    {
        { "sequential", "3" },
        { "fan-out", "6" },
        { "race", "0" },
        { "interleaved", "0" },
        { "helpers", "0" },
        { "compensating", "\"keep\"" },
        { "compensating", "\"rethrow\"" },
    };

    [Theory]
    [MemberData(nameof(Workflows))]
    public void RunTurn_WarmAndColdOverManySeeds_ProduceIdenticalTurns(string workflow, string input)
    {
        for (var seed = 0; seed < 25; seed++)
        {
            var warm = new ReplayDriver(ReplayDriver.Registry(), workflow, warm: true);
            var cold = new ReplayDriver(ReplayDriver.Registry(), workflow, warm: false);
            warm.Start(JsonPayload.Parse(input));
            cold.Start(JsonPayload.Parse(input));
            warm.RunToEnd(seed);
            cold.RunToEnd(seed);

            Assert.NotEqual(WorkflowStatus.Running, warm.Last.Status);
            Assert.NotEqual(WorkflowStatus.Faulted, warm.Last.Status);
            Assert.Equal(Describe(warm.Turns), Describe(cold.Turns));
            Assert.Equal(warm.Last.Output.ToString(), cold.Last.Output.ToString());
        }
    }

    [Fact]
    public void RunTurn_ReplayFromFullHistory_ReproducesEveryCommandAndResult()
    {
        var driver = new ReplayDriver(ReplayDriver.Registry(), "interleaved", warm: false);
        driver.Start(JsonPayload.Parse("0"));
        driver.RunToEnd(seed: 7);
        var history = driver.History;

        // Replaying the whole history with no new event must end in the same place and issue nothing new.
        var registry = ReplayDriver.Registry();
        Assert.True(registry.TryGet("interleaved", out var registration));
        var settings = new ExecutionSettings("inbox", 1 << 20, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var withoutEnd = history.Take(history.Count - 1).ToList();
        var last = withoutEnd[^1];
        var replay = new WorkflowExecution(registration, "instance-1", settings, withoutEnd.Take(withoutEnd.Count - 1).ToList());
        var turn = replay.RunTurn([last]);

        Assert.Equal(WorkflowStatus.Completed, turn.Status);
        Assert.Empty(turn.Commands);
        Assert.Equal(driver.Last.Output.ToString(), turn.Output.ToString());
    }

    [Fact]
    public void RunTurn_InterleavedBranchesWithDifferentResultOrders_NumberCallsByIssueOrder()
    {
        var outputs = new HashSet<string>();
        for (var seed = 0; seed < 20; seed++)
        {
            var driver = new ReplayDriver(ReplayDriver.Registry(), "interleaved", warm: false);
            driver.Start(JsonPayload.Parse("0"));
            driver.RunToEnd(seed);
            Assert.Equal(WorkflowStatus.Completed, driver.Last.Status);
            outputs.Add(driver.Last.Output.ToString());
        }

        Assert.Equal(["\"a1\\u002Ba2,b1\\u002Bb2\""], outputs);
    }

    private static List<string> Describe(IEnumerable<TurnResult> turns) =>
        [.. turns.Select(t =>
            $"{t.Status}|events:{string.Join(";", t.NewEvents.Select(e => $"{e.Sequence}:{e.Type}:{e.CallNumber}:{e.Service}.{e.Operation}:{e.Payload}:{e.Failure?.ErrorType}:{e.Timestamp:O}"))}" +
            $"|commands:{string.Join(";", t.Commands.Select(c => $"{c.CallId}:{c.Service}.{c.Operation}:{c.Payload}"))}")];
}
