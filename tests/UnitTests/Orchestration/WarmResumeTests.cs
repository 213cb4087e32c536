using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.UnitTests.Orchestration;

/// <summary>An orchestrator holding an instance in memory must behave exactly like one that replays every turn.</summary>
public sealed class WarmResumeTests
{
    [Theory]
    [InlineData("fan-out", "5")]
    [InlineData("interleaved", "0")]
    [InlineData("race", "0")]
    [InlineData("helpers", "0")]
    [InlineData("compensating", "\"keep\"")]
    public async Task HandleAsync_WarmAndCold_CommitTheSameHistoryAndPublishTheSameCommands(string workflow, string input)
    {
        for (var seed = 0; seed < 10; seed++)
        {
            var warm = await RunAsync(new OrchestratorHarness(warmCapacity: 1024), workflow, input, seed);
            var cold = await RunAsync(new OrchestratorHarness(warmCapacity: 0), workflow, input, seed);

            Assert.Equal(cold.History, warm.History);
            Assert.Equal(cold.Commands, warm.Commands);
            Assert.Equal(WorkflowStatus.Completed, warm.Status);
        }
    }

    [Fact]
    public async Task HandleAsync_WarmInstance_LoadsNoHistoryAfterTheFirstTurn()
    {
        var h = new OrchestratorHarness();
        await h.SendAsync(OrchestratorHarness.Start("sequential", "1"));
        var loadsAfterStart = h.Store.Loads;
        for (var i = 0; i < 3; i++)
        {
            await h.SendAsync(OrchestratorHarness.Reply(h.Publisher.Published[i]));
        }

        Assert.Equal(loadsAfterStart, h.Store.Loads);
        Assert.Equal(WorkflowStatus.Completed, (await h.Store.GetMetadataAsync("i-1"))!.Status);
    }

    [Fact]
    public async Task HandleAsync_InstanceAdvancedByAnotherOrchestrator_WarmCopyIsDiscardedAndTurnReplays()
    {
        var first = new OrchestratorHarness();
        var second = new OrchestratorHarness(store: first.Store);
        await first.SendAsync(OrchestratorHarness.Start("sequential", "1"));
        await second.SendAsync(OrchestratorHarness.Reply(first.Publisher.Published[0])); // first's warm copy is now stale
        var loads = first.Store.Loads;

        var outcome = await first.SendAsync(OrchestratorHarness.Reply(second.Publisher.Published[0]));

        Assert.Equal(MessageDisposition.Completed, outcome.Disposition);
        Assert.True(first.Store.Loads > loads, "the stale warm copy must be replaced by a cold replay");
        var metadata = await first.Store.GetMetadataAsync("i-1");
        Assert.Equal(3, metadata!.Version);
        Assert.Equal("i-1#2", first.Publisher.Published[^1].CallId);
    }

    [Fact]
    public async Task HandleAsync_DuplicateResultOnWarmInstance_ChangesNothingAndRepublishesOutbox()
    {
        var h = new OrchestratorHarness();
        await h.SendAsync(OrchestratorHarness.Start("fan-out", "2"));
        var reply = OrchestratorHarness.Reply(h.Publisher.Published[0]);
        await h.SendAsync(reply);
        var version = (await h.Store.GetMetadataAsync("i-1"))!.Version;

        await h.SendAsync(reply);

        Assert.Equal(version, (await h.Store.GetMetadataAsync("i-1"))!.Version);
        Assert.Equal("i-1#1", h.Publisher.Published[^1].CallId);
    }

    private static async Task<(List<string> History, List<string> Commands, WorkflowStatus Status)> RunAsync(OrchestratorHarness h, string workflow, string input, int seed)
    {
        var random = new Random(seed);
        await h.SendAsync(OrchestratorHarness.Start(workflow, input));
        var answered = new HashSet<string>();
        while (true)
        {
            var open = h.Publisher.Published.Where(c => !answered.Contains(c.CallId)).DistinctBy(c => c.CallId).ToList();
            if (open.Count == 0)
            {
                break;
            }

            var next = open[random.Next(open.Count)];
            answered.Add(next.CallId);
            Assert.Equal(MessageDisposition.Completed, (await h.SendAsync(OrchestratorHarness.Reply(next))).Disposition);
        }

        var snapshot = await h.Store.LoadAsync("i-1");
        return (
            [.. snapshot!.History.Select(e => $"{e.Sequence}:{e.Type}:{e.CallNumber}:{e.Service}.{e.Operation}:{e.Payload}:{e.Failure?.ErrorType}")],
            [.. h.Publisher.Published.Select(c => $"{c.CallId}:{c.Service}.{c.Operation}:{c.Payload}")],
            snapshot.Metadata.Status);
    }
}
