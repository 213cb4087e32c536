using System.Diagnostics;
using LambdaWorkflow.IntegrationTests.Emulators;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.ServiceHost;
using static LambdaWorkflow.IntegrationTests.EndToEnd.EndToEndTesting;

namespace LambdaWorkflow.IntegrationTests.EndToEnd;

/// <summary>
/// Durable timers, external events, child workflows and cancellation on the emulated AWS deployment: the orchestrator
/// function consumes both the FIFO inbox and the standard timer queue, as its two event source mappings would.
/// </summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class DurablePrimitivesOnEmulatorsTests(EmulatorFixture emulators)
{
    [Fact]
    public async Task DelayAsync_TwoSecondTimer_CompletesOnlyAfterItThroughTheTimerQueue()
    {
        await using var environment = await StartAsync();
        using var timeout = new CancellationTokenSource(RunTimeout);
        var clock = Stopwatch.StartNew();

        await environment.Client.StartAsync(NapWorkflow.Definition, 2, "nap-1", timeout.Token);
        var result = await environment.Client.WaitForResultAsync(NapWorkflow.Definition, "nap-1", timeout.Token);

        clock.Stop();
        var end = await environment.Client.GetStatusAsync("nap-1", timeout.Token);
        Assert.Equal(2, result);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2), $"completed after {clock.Elapsed.TotalSeconds:0.000} s of wall time, before its 2 s timer");
        Assert.True(end!.UpdatedAt - end.CreatedAt >= TimeSpan.FromSeconds(2), $"completed {(end.UpdatedAt - end.CreatedAt).TotalSeconds:0.000} s after it started");
        Assert.Equal(1, environment.Counters.TimersRelayed);
        Assert.Equal(0, environment.Counters.InvocationErrors);
    }

    [Fact]
    public async Task RaiseEventAsync_ApprovalFromTheClient_ResumesTheWaitingWorkflow()
    {
        await using var environment = await StartAsync();
        using var timeout = new CancellationTokenSource(RunTimeout);
        await environment.Client.StartAsync(ApprovalWorkflow.Definition, 0, "expense-1", timeout.Token);
        await WaitForStatusAsync(environment, "expense-1", WorkflowStatus.Running, timeout.Token);

        await environment.Client.RaiseEventAsync("expense-1", "approval", true, cancellationToken: timeout.Token);

        Assert.Equal("approved", await environment.Client.WaitForResultAsync(ApprovalWorkflow.Definition, "expense-1", timeout.Token));
        Assert.Equal(0, environment.Counters.TimersRelayed); // its 30-minute timeout still waits in the timer queue
    }

    [Fact]
    public async Task CallWorkflowAsync_TwentyChildren_ParentSumsTheirResults()
    {
        await using var environment = await StartAsync();
        using var timeout = new CancellationTokenSource(RunTimeout);

        await environment.Client.StartAsync(FanOutParentWorkflow.Definition, 20, "batch", timeout.Token);
        var sum = await environment.Client.WaitForResultAsync(FanOutParentWorkflow.Definition, "batch", timeout.Token);

        Assert.Equal(2 * (20 * 21 / 2), sum);
        Assert.Equal(WorkflowStatus.Completed, (await environment.Client.GetStatusAsync("batch:17", timeout.Token))!.Status);
        Assert.Equal(0, environment.Counters.InvocationErrors);
    }

    [Fact]
    public async Task CancelAsync_ParentWaitingOnSleepingChild_BothEndCancelled()
    {
        await using var environment = await StartAsync();
        using var timeout = new CancellationTokenSource(RunTimeout);
        var child = SleepingParentWorkflow.ChildOf("parent");
        await environment.Client.StartAsync(SleepingParentWorkflow.Definition, 1, "parent", timeout.Token);
        await WaitForStatusAsync(environment, child, WorkflowStatus.Running, timeout.Token);

        await environment.Client.CancelAsync("parent", "customer changed their mind", timeout.Token);

        Assert.Equal(WorkflowStatus.Cancelled, (await environment.Client.WaitForCompletionAsync("parent", timeout.Token)).Status);
        Assert.Equal(WorkflowStatus.Cancelled, (await environment.Client.WaitForCompletionAsync(child, timeout.Token)).Status);
        Assert.Empty(await environment.DrainAsync(environment.Inbox.DeadLetterQueue, timeout.Token));
    }

    [Fact]
    public async Task ContinueAsNew_ChildCountsDownOverFourRuns_ParentGetsTheLastRunsResult()
    {
        await using var environment = await StartAsync();
        using var timeout = new CancellationTokenSource(RunTimeout);

        await environment.Client.StartAsync(CountdownParentWorkflow.Definition, 4, "launch", timeout.Token);
        var result = await environment.Client.WaitForResultAsync(CountdownParentWorkflow.Definition, "launch", timeout.Token);

        Assert.Equal(302, result); // run 3 doubles 1
        var child = await environment.Client.GetStatusAsync("countdown-of-launch", timeout.Token);
        Assert.Equal(WorkflowStatus.Completed, child!.Status);
        Assert.Equal("1", child.Input.ToString()); // the last run's input
        Assert.True(child.FirstSequence > 0, "the child's history should start past its earlier runs");
        while (environment.Counters.TimersRelayed < 4)
        {
            await Task.Delay(20, timeout.Token); // counted once the relay's batch settles, which may trail the result
        }

        Assert.Equal(4, environment.Counters.TimersRelayed);
        Assert.Empty(await environment.DrainAsync(environment.Inbox.DeadLetterQueue, timeout.Token));
    }

    private async Task<EmulatorEnvironment> StartAsync()
    {
        var workflows = new WorkflowRegistry()
            .Add<NapWorkflow, int, int>(NapWorkflow.Definition)
            .Add<ApprovalWorkflow, int, string>(ApprovalWorkflow.Definition)
            .Add<DoublingChildWorkflow, int, int>(DoublingChildWorkflow.Definition)
            .Add<FanOutParentWorkflow, int, int>(FanOutParentWorkflow.Definition)
            .Add<SleepingChildWorkflow, int, int>(SleepingChildWorkflow.Definition)
            .Add<SleepingParentWorkflow, int, int>(SleepingParentWorkflow.Definition)
            .Add<CountdownWorkflow, int, int>(CountdownWorkflow.Definition)
            .Add<CountdownParentWorkflow, int, int>(CountdownParentWorkflow.Definition);
        var services = new ServiceRegistry().Map(MathService.Double, (n, _, _) => Task.FromResult(n * 2));
        var environment = await EmulatorEnvironment.CreateAsync(emulators.Host, workflows, services, FastOptions());
        environment.Start();
        return environment;
    }

    private static async Task WaitForStatusAsync(EmulatorEnvironment environment, string instanceId, WorkflowStatus status, CancellationToken cancellationToken)
    {
        while ((await environment.Client.GetStatusAsync(instanceId, cancellationToken))?.Status != status)
        {
            await Task.Delay(50, cancellationToken);
        }
    }
}
