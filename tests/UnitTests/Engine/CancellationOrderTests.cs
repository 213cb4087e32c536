using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.UnitTests.Engine;

/// <summary>
/// Cancelling an instance cancels its waiting operations latest first, interleaved with callbacks registered on the
/// workflow's token, whether or not the workflow had looked at the token when it issued them.
/// </summary>
public sealed class CancellationOrderTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void CancelRequested_OperationsAndTokenCallbacks_CancelledLatestFirst(bool warm)
    {
        var driver = new ReplayDriver(new WorkflowRegistry().Add<OrderWorkflow, int, string>(OrderWorkflow.Definition), OrderWorkflow.Definition.Name, warm);
        var start = driver.Start(JsonPayload.Parse("0"));
        var answered = driver.Answer(Assert.Single(start.Commands)); // the middle operation completes before the cancel
        Assert.Equal(WorkflowStatus.Running, answered.Status);

        var end = driver.Cancel();

        Assert.Equal(WorkflowStatus.Completed, end.Status);
        Assert.Equal("\"timer-d,user,event-c,timer-a | own token\"", end.Output.ToString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void CancelRequested_OperationWithAnotherToken_NotCancelled(bool warm)
    {
        var driver = new ReplayDriver(new WorkflowRegistry().Add<OtherTokenWorkflow, int, string>(OtherTokenWorkflow.Definition), OtherTokenWorkflow.Definition.Name, warm);
        driver.Start(JsonPayload.Parse("0"));

        var cancelled = driver.Cancel();
        Assert.Equal(WorkflowStatus.Running, cancelled.Status);
        var end = driver.Fire(driver.Timers.MaxBy(t => t.FireAt)!); // the uncancellable one

        Assert.Equal(WorkflowStatus.Completed, end.Status);
        Assert.Equal("\"cancelled, then the uncancellable timer fired\"", end.Output.ToString());
    }

    private sealed class OrderWorkflow : IWorkflow<int, string>
    {
        public static readonly WorkflowDefinition<int, string> Definition = new("cancel-order");

        public async Task<string> RunAsync(WorkflowContext<int> context)
        {
            var order = new List<string>();
            var tokens = new List<CancellationToken>();
            async Task Observe(Task operation, string name)
            {
                try
                {
                    await operation;
                }
                catch (OperationCanceledException ex)
                {
                    order.Add(name);
                    tokens.Add(ex.CancellationToken);
                }
            }

            // Issued before the workflow reads its token.
            var a = Observe(context.DelayAsync(TimeSpan.FromDays(1)), "timer-a");
            var b = context.CallAsync(TestOperations.Echo, "b");
            var c = Observe(context.WaitForEventAsync<int>("never"), "event-c");
            await b;

            // Issued after.
            var token = context.CancellationToken;
            token.Register(() => order.Add("user"));
            var d = Observe(context.DelayAsync(TimeSpan.FromDays(2)), "timer-d");
            await Task.WhenAll(a, c, d);
            var sameToken = tokens.All(t => t == context.CancellationToken) ? "own token" : "another token";
            return string.Join(",", order) + " | " + sameToken;
        }
    }

    private sealed class OtherTokenWorkflow : IWorkflow<int, string>
    {
        public static readonly WorkflowDefinition<int, string> Definition = new("cancel-other-token");

        public async Task<string> RunAsync(WorkflowContext<int> context)
        {
            var uncancellable = context.DelayAsync(TimeSpan.FromDays(2), CancellationToken.None);
            try
            {
                await context.DelayAsync(TimeSpan.FromDays(1));
                return "not cancelled";
            }
            catch (OperationCanceledException)
            {
                await uncancellable;
                return "cancelled, then the uncancellable timer fired";
            }
        }
    }
}
