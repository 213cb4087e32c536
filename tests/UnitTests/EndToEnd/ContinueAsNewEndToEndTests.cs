using LambdaWorkflow.Local.Hosting;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.ServiceHost;
using LambdaWorkflow.UnitTests.Engine;

namespace LambdaWorkflow.UnitTests.EndToEnd;

/// <summary>Continue-as-new on the embedded runtime: long loops keep a short history, and children still report.</summary>
public sealed class ContinueAsNewEndToEndTests
{
    [Fact]
    public async Task ContinueAsNew_ThreeHundredRuns_HistoryHoldsOnlyTheLastRunAndLimitIsNeverReached()
    {
        var options = new EmbeddedRuntimeOptions();
        options.Orchestrator.MaxHistoryEvents = 10; // a single run stays far below it; three hundred would not
        await using var runtime = await StartAsync(options);

        await runtime.Client.StartAsync(DoublingLoopWorkflow.Definition, new LoopState(300, 0), "long-loop");
        var result = await runtime.Client.WaitForResultAsync(DoublingLoopWorkflow.Definition, "long-loop", Timeout());

        Assert.StartsWith("90300|run 299|", result, StringComparison.Ordinal); // 2·(1+…+300)
        var snapshot = (await runtime.Store.LoadAsync("long-loop"))!;
        Assert.Equal(4, snapshot.History.Count);
        Assert.Equal(299 * 2, snapshot.Metadata.FirstSequence); // each earlier run committed its start and its call
        Assert.Equal(300, runtime.Counters.StepsApplied);
    }

    [Fact]
    public async Task ContinueAsNew_ChildContinuesTwice_ParentGetsTheLastRunsResult()
    {
        await using var runtime = await StartAsync(new EmbeddedRuntimeOptions());

        await runtime.Client.StartAsync(ContinuingChildParentWorkflow.Definition, 3, "parent");

        Assert.Equal(25, await runtime.Client.WaitForResultAsync(ContinuingChildParentWorkflow.Definition, "parent", Timeout())); // 3·2·2·2 + 1
        var child = await runtime.Client.GetStatusAsync("parent:0");
        Assert.Equal(WorkflowStatus.Completed, child!.Status);
        Assert.Equal("12", child.Input.ToString());
    }

    private static async Task<EmbeddedRuntime> StartAsync(EmbeddedRuntimeOptions options)
    {
        var workflows = new WorkflowRegistry()
            .Add<DoublingLoopWorkflow, LoopState, string>(DoublingLoopWorkflow.Definition)
            .Add<ContinuingChildWorkflow, int, int>(ContinuingChildWorkflow.Definition)
            .Add<ContinuingChildParentWorkflow, int, int>(ContinuingChildParentWorkflow.Definition);
        var services = new ServiceRegistry().Map(TestOperations.Double, (n, _, _) => Task.FromResult(n * 2));
        var runtime = new EmbeddedRuntime(workflows, services, options);
        await runtime.StartAsync();
        return runtime;
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
}
