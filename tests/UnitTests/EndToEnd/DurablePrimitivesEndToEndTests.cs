using LambdaWorkflow.Local.Hosting;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.ServiceHost;
using LambdaWorkflow.UnitTests.Engine;
using Microsoft.Extensions.Time.Testing;

namespace LambdaWorkflow.UnitTests.EndToEnd;

/// <summary>Timers, events, cancellation and child workflows on the embedded runtime, on a fake clock: days pass in milliseconds.</summary>
public sealed class DurablePrimitivesEndToEndTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task DelayAsync_ThreeDayTimerInFifteenMinuteHops_FiresOnlyWhenDue()
    {
        await using var runtime = await StartAsync();
        await runtime.Client.StartAsync(TimerWorkflow.Definition, 5, "sleepy");
        await WaitUntilAsync(() => TimerQueueDelayed(runtime) == 1);

        _clock.Advance(TimeSpan.FromHours(1)); // the first timer: one hour
        await WaitUntilAsync(() => runtime.Counters.StepsApplied == 1 && TimerQueueDelayed(runtime) == 1); // timer fired, call answered, next timer set
        for (var hop = 0; hop < 3 * 24 * 4 - 5; hop++)
        {
            _clock.Advance(TimeSpan.FromMinutes(15));
            await WaitUntilAsync(() => TimerQueueDelayed(runtime) == 1);
        }

        Assert.Equal(WorkflowStatus.Running, (await runtime.Client.GetStatusAsync("sleepy"))!.Status);
        _clock.Advance(TimeSpan.FromMinutes(15));

        Assert.Equal("10|72", await runtime.Client.WaitForResultAsync(TimerWorkflow.Definition, "sleepy", Timeout()));
    }

    [Fact]
    public async Task RaiseEventAsync_ApprovalSentFromOutside_ResumesTheWorkflow()
    {
        await using var runtime = await StartAsync();
        await runtime.Client.StartAsync(ApprovalWorkflow.Definition, 0, "expense-1");
        await WaitUntilAsync(() => TimerQueueDelayed(runtime) == 1); // waiting, with its 3-day timeout set

        await runtime.Client.RaiseEventAsync("expense-1", "approval", true);

        Assert.Equal("approved", await runtime.Client.WaitForResultAsync(ApprovalWorkflow.Definition, "expense-1", Timeout()));
    }

    [Fact]
    public async Task WaitForEventAsync_NobodyAnswersInThreeDays_Escalates()
    {
        await using var runtime = await StartAsync(maxHop: TimeSpan.FromDays(30));
        await runtime.Client.StartAsync(ApprovalWorkflow.Definition, 0, "expense-2");
        await WaitUntilAsync(() => TimerQueueDelayed(runtime) == 1);

        _clock.Advance(TimeSpan.FromDays(3));

        Assert.Equal("escalated:escalate", await runtime.Client.WaitForResultAsync(ApprovalWorkflow.Definition, "expense-2", Timeout()));
    }

    [Fact]
    public async Task CallWorkflowAsync_TwoHundredChildren_ParentSumsTheirResults()
    {
        await using var runtime = await StartAsync();

        await runtime.Client.StartAsync(FanOutParentWorkflow.Definition, 200, "batch");
        var sum = await runtime.Client.WaitForResultAsync(FanOutParentWorkflow.Definition, "batch", Timeout());

        Assert.Equal(2 * (200 * 201 / 2), sum);
        Assert.Equal(WorkflowStatus.Completed, (await runtime.Client.GetStatusAsync("batch:137"))!.Status);
    }

    [Fact]
    public async Task CancelAsync_ParentWaitingOnChild_CancelReachesTheChildAndBothEndCancelled()
    {
        await using var runtime = await StartAsync(maxHop: TimeSpan.FromDays(30));
        await runtime.Client.StartAsync(SleepingParentWorkflow.Definition, 1, "parent");
        await WaitUntilAsync(() => TimerQueueDelayed(runtime) == 1); // the child sleeps

        await runtime.Client.CancelAsync("parent", "customer changed their mind");

        var parent = await runtime.Client.WaitForCompletionAsync("parent", Timeout());
        var child = await runtime.Client.WaitForCompletionAsync("sleeper-of-parent", Timeout());
        Assert.Equal(WorkflowStatus.Cancelled, parent.Status);
        Assert.Equal(WorkflowStatus.Cancelled, child.Status);
    }

    [Fact]
    public async Task CancelAsync_WorkflowCompensates_ThenEndsCancelled()
    {
        await using var runtime = await StartAsync(maxHop: TimeSpan.FromDays(30));
        await runtime.Client.StartAsync(CancellableWorkflow.Definition, 0, "desk-order");
        await WaitUntilAsync(() => TimerQueueDelayed(runtime) == 1);

        await runtime.Client.CancelAsync("desk-order");
        var end = await runtime.Client.WaitForCompletionAsync("desk-order", Timeout());

        Assert.Equal(WorkflowStatus.Cancelled, end.Status);
        Assert.Equal(2, await runtime.Counters.StepsAppliedAtLeastAsync(2)); // the reservation and its release
    }

    [Fact]
    public async Task GetStatusAsync_WorkflowPublishesCustomStatus_ReadableWithoutReplay()
    {
        await using var runtime = await StartAsync();
        await runtime.Client.StartAsync(StatusWorkflow.Definition, 3, "progress");

        await runtime.Client.WaitForCompletionAsync("progress", Timeout());

        Assert.Equal("\"done\"", (await runtime.Client.GetStatusAsync("progress"))!.CustomStatus.ToString());
    }

    private async Task<EmbeddedRuntime> StartAsync(TimeSpan? maxHop = null)
    {
        var workflows = ReplayDriver.Registry()
            .Add<DoublingChildWorkflow, int, int>(DoublingChildWorkflow.Definition)
            .Add<FanOutParentWorkflow, int, int>(FanOutParentWorkflow.Definition)
            .Add<SleepingChildWorkflow, int, int>(SleepingChildWorkflow.Definition)
            .Add<SleepingParentWorkflow, int, int>(SleepingParentWorkflow.Definition);
        var services = new ServiceRegistry()
            .Map(TestOperations.Double, (n, _, _) => Task.FromResult(n * 2))
            .Map(TestOperations.Echo, (text, _, _) => Task.FromResult(text))
            .Map(TestOperations.Reserve, (item, _, _) => Task.FromResult(item));
        var runtime = new EmbeddedRuntime(workflows, services, new EmbeddedRuntimeOptions { TimeProvider = _clock, MaxTimerHop = maxHop ?? TimeSpan.FromMinutes(15) });
        await runtime.StartAsync();
        return runtime;
    }

    private static int TimerQueueDelayed(EmbeddedRuntime runtime) => runtime.Queues.GetQueue("lwf-timers").GetCounts().Delayed;

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the runtime did not reach the expected state in 20 s");
            await Task.Delay(2);
        }
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
}
