using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.UnitTests.Engine;

public sealed class FaultDetectionTests
{
    [Fact]
    public void RunTurn_CodeChangesCallBetweenTurns_ParksAsFaultedNamingBothCalls()
    {
        var switchable = new SwitchableWorkflow();
        var registry = new WorkflowRegistry().Add(SwitchableWorkflow.Definition, () => switchable);
        var driver = new ReplayDriver(registry, SwitchableWorkflow.Definition.Name, warm: false);
        var start = driver.Start(JsonPayload.Parse("1"));
        driver.Answer(start.Commands[0]);
        Assert.Equal(WorkflowStatus.Running, driver.Last.Status);

        switchable.UseSquare = true; // a "deployment" that changed the second call
        var pending = driver.Last.Commands[0];
        var turn = driver.Answer(pending);

        Assert.Equal(WorkflowStatus.Faulted, turn.Status);
        Assert.Equal(FaultTypes.Faulted, turn.Error!.ErrorType);
        Assert.Contains("#1 is a call to math.square in the workflow code but math.double in the history", turn.Error.Message, StringComparison.Ordinal);
        Assert.Empty(turn.Commands);
        Assert.Single(turn.NewEvents); // only the result that arrived is kept
    }

    [Fact]
    public void RunTurn_CodeDropsCallThatHistoryHas_ParksAsFaulted()
    {
        var switchable = new SwitchableWorkflow();
        var registry = new WorkflowRegistry().Add(SwitchableWorkflow.Definition, () => switchable);
        var driver = new ReplayDriver(registry, SwitchableWorkflow.Definition.Name, warm: false);
        var start = driver.Start(JsonPayload.Parse("1"));
        var second = driver.Answer(start.Commands[0]);
        switchable.StopAfterFirst = true; // the new code no longer makes call #1, which history has
        var turn = driver.Answer(second.Commands[0]);

        Assert.Equal(WorkflowStatus.Faulted, turn.Status);
        Assert.Contains("history has call #1 (math.double) that the workflow code did not issue", turn.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("delay")]
    [InlineData("run")]
    [InlineData("gate-after-call")]
    public void RunTurn_AwaitsNonContextTask_FaultsWithClearMessageInsteadOfHanging(string mode)
    {
        ForeignAwaitWorkflow? latest = null;
        var registry = new WorkflowRegistry().Add(ForeignAwaitWorkflow.Definition, () => latest = new ForeignAwaitWorkflow());
        // A stray task that completes between turns is invisible to a warm execution (nothing is posted until the
        // context call completes too); the cold replay that follows any restart sees it and faults the instance.
        foreach (var warm in mode == "gate-after-call" ? [false] : new[] { true, false })
        {
            var driver = new ReplayDriver(registry, ForeignAwaitWorkflow.Definition.Name, warm);
            var turn = driver.Start(JsonPayload.Parse($"\"{mode}\""));
            if (mode == "gate-after-call")
            {
                Assert.Equal(WorkflowStatus.Running, turn.Status);
                latest!.Gate.SetResult(); // the stray task completes on another thread between turns; its continuation must not run
                turn = driver.Answer(turn.Commands[0]);
            }

            Assert.Equal(WorkflowStatus.Faulted, turn.Status);
            Assert.Contains("awaited something that is not a workflow context operation", turn.Error!.Message, StringComparison.Ordinal);
            Assert.Contains("Task.Delay, Task.Run", turn.Error.Message, StringComparison.Ordinal);
        }
    }

    private sealed class SwitchableWorkflow : IWorkflow<int, int>
    {
        public static readonly WorkflowDefinition<int, int> Definition = new("switchable");

        public bool UseSquare { get; set; }

        public bool StopAfterFirst { get; set; }

        public async Task<int> RunAsync(WorkflowContext<int> context)
        {
            var a = await context.CallAsync(TestOperations.Double, context.Request);
            if (StopAfterFirst)
            {
                return a;
            }

            var b = await context.CallAsync(UseSquare ? TestOperations.Square : TestOperations.Double, a);
            return b;
        }
    }

    private sealed class ForeignAwaitWorkflow : IWorkflow<string, int>
    {
        public static readonly WorkflowDefinition<string, int> Definition = new("foreign-await");

        /// <summary>A task that is not a context operation, completed by the test.</summary>
        public TaskCompletionSource Gate { get; } = new();

        public async Task<int> RunAsync(WorkflowContext<string> context)
        {
            switch (context.Request)
            {
                // Long enough that the task cannot be done before the await looks at it, however loaded the machine.
                case "delay":
                    await Task.Delay(TimeSpan.FromMinutes(1));
                    break;
                case "run":
                    await Task.Run(() => Thread.Sleep(500));
                    break;
                default:
                    var call = context.CallAsync(TestOperations.Double, 1);
                    await Task.WhenAll(call, Gate.Task);
                    break;
            }

            return await context.CallAsync(TestOperations.Double, 2);
        }
    }
}
