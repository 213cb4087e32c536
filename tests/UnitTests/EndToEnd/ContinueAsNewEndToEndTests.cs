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
        Assert.Equal(300, await runtime.Counters.StepsAppliedAtLeastAsync(300));
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

    [Fact]
    public async Task ContinueAsNew_ParentAbandonsARunningChild_ChildIsCancelledOrIgnoredAndTheInboxGoesQuiet()
    {
        await using var runtime = await StartAsync(new EmbeddedRuntimeOptions());
        await runtime.Client.StartAsync(ChildThenGoWorkflow.Definition, 0, "p");
        await runtime.Client.RaiseEventAsync("p", "go", 1, "go-1"); // run 0 continues as new, abandoning child p:0

        await WaitUntilAsync(async () => (await runtime.Store.LoadAsync("p")) is { History: [{ Attempt: 1 }, ..] });
        await runtime.Client.RaiseEventAsync("p", "go", 2, "go-2");
        var result = await runtime.Client.WaitForResultAsync(ChildThenGoWorkflow.Definition, "p", Timeout());

        Assert.Equal(2, result);
        await WaitUntilAsync(async () => (await runtime.Client.GetStatusAsync("p:0"))?.Status == WorkflowStatus.Cancelled);
        // The child's report to the ended run still arrives and is dropped; after that the inbox settles. A cancel and
        // report echoing between parent and child would keep it busy for good.
        long inboxMessages;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            inboxMessages = runtime.Counters.InboxMessages;
            await Task.Delay(300);
        }
        while (runtime.Counters.InboxMessages != inboxMessages && DateTime.UtcNow < deadline);
        Assert.Equal(inboxMessages, runtime.Counters.InboxMessages);
        Assert.InRange(inboxMessages, 4, 20);
        Assert.Equal(0, runtime.Counters.DeadLettered);
        Assert.Equal(WorkflowStatus.Running, (await runtime.Client.GetStatusAsync("p:1.0"))!.Status); // run 1's child, not abandoned
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the runtime did not reach the expected state in 20 s");
            await Task.Delay(5);
        }
    }

    private static async Task<EmbeddedRuntime> StartAsync(EmbeddedRuntimeOptions options)
    {
        var workflows = new WorkflowRegistry()
            .Add<DoublingLoopWorkflow, LoopState, string>(DoublingLoopWorkflow.Definition)
            .Add<ContinuingChildWorkflow, int, int>(ContinuingChildWorkflow.Definition)
            .Add<ContinuingChildParentWorkflow, int, int>(ContinuingChildParentWorkflow.Definition)
            .Add<ChildThenGoWorkflow, int, int>(ChildThenGoWorkflow.Definition)
            .Add<IdleChildWorkflow, int, int>(IdleChildWorkflow.Definition);
        var services = new ServiceRegistry().Map(TestOperations.Double, (n, _, _) => Task.FromResult(n * 2));
        var runtime = new EmbeddedRuntime(workflows, services, options);
        await runtime.StartAsync();
        return runtime;
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
}
