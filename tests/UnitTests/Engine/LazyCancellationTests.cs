using System.Collections.Concurrent;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.UnitTests.Engine;

/// <summary>Cancellation through the execution's lazily made token source: the same callbacks, in the same order, as a token would run them, warm and cold.</summary>
public sealed class LazyCancellationTests
{
    internal static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Logs = new();

    // A user callback on the token throws. A token runs every callback before it throws its AggregateException, so the
    // operation issued before the token was read (watched by the execution, not the token) must still be cancelled.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void CancelRequested_UserCallbackThrows_EarlierOperationsStillCancelled(bool warm)
    {
        var key = "throw-" + warm;
        var log = Logs[key] = new ConcurrentQueue<string>();
        var driver = new ReplayDriver(new WorkflowRegistry().Add<ThrowingCallbackWorkflow, int, string>(ThrowingCallbackWorkflow.Definition), ThrowingCallbackWorkflow.Definition.Name, warm);
        driver.Start(JsonPayload.Parse(warm ? "1" : "0"));

        Assert.ThrowsAny<Exception>(() => driver.Cancel());

        Assert.Equal(["user-throws", "timer-a cancelled"], log.ToArray());
    }

    // Operations pending from turn 1, token read and a callback registered in turn 2, more operations in turn 3,
    // cancellation in turn 4: latest first across turns (compensations are issued in the order of cancellation).
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void CancelRequested_TokenReadInLaterTurn_LatestFirst(bool warm)
    {
        var driver = new ReplayDriver(new WorkflowRegistry().Add<CrossTurnWorkflow, int, string>(CrossTurnWorkflow.Definition), CrossTurnWorkflow.Definition.Name, warm);
        var t1 = driver.Start(JsonPayload.Parse("0"));
        var t2 = driver.Answer(t1.Commands.Single(c => c.Payload.ToString() == "\"c\""));
        driver.Answer(t2.Commands.Single(c => c.Payload.ToString() == "\"c2\""));
        var end = driver.Cancel();
        Assert.Equal(WorkflowStatus.Running, end.Status);
        var commands = string.Join(",", end.Commands.Select(c => c.Payload.ToString()));
        Assert.Equal("\"comp-f\",\"comp-e\",\"comp-d\",\"comp-user\",\"comp-b\",\"comp-a\"", commands);
    }

    private sealed class ThrowingCallbackWorkflow : IWorkflow<int, string>
    {
        public static readonly WorkflowDefinition<int, string> Definition = new("lazy-cancel-throwing-callback");

        public async Task<string> RunAsync(WorkflowContext<int> context)
        {
            var log = Logs["throw-" + (context.Request == 1)];
            var a = context.DelayAsync(TimeSpan.FromDays(1)); // issued before the token is read: the intrusive list
            context.CancellationToken.Register(() =>
            {
                log.Enqueue("user-throws");
                throw new InvalidOperationException("user callback");
            });
            try
            {
                await a;
                return "fired";
            }
            catch (OperationCanceledException)
            {
                log.Enqueue("timer-a cancelled");
                return "cancelled";
            }
        }
    }

    private sealed class CrossTurnWorkflow : IWorkflow<int, string>
    {
        public static readonly WorkflowDefinition<int, string> Definition = new("lazy-cancel-cross-turn");

        public async Task<string> RunAsync(WorkflowContext<int> context)
        {
            async Task Observe(Task operation, string name)
            {
                try
                {
                    await operation;
                }
                catch (OperationCanceledException)
                {
                    await context.CallAsync(TestOperations.Echo, "comp-" + name, cancellationToken: CancellationToken.None);
                }
            }

            var a = Observe(context.DelayAsync(TimeSpan.FromDays(1)), "a"); // before the token is read: the list
            var b = Observe(context.WaitForEventAsync<int>("never"), "b");
            await context.CallAsync(TestOperations.Echo, "c"); // turn 1 ends

            context.CancellationToken.Register(() => context.CallAsync(TestOperations.Echo, "comp-user", cancellationToken: CancellationToken.None));
            var d = Observe(context.CallAsync(TestOperations.Echo, "d-slow"), "d");
            await context.CallAsync(TestOperations.Echo, "c2"); // turn 2 ends

            var e = Observe(context.DelayAsync(TimeSpan.FromDays(2)), "e");
            var f = Observe(context.WaitForEventAsync<int>("never2"), "f");
            await Task.WhenAll(a, b, d, e, f);
            return "done";
        }
    }

    // New operations issued (with the workflow's token) from cancellation callbacks and
    // continuations, before and after the token was read: the order, and each new one cancelled at once.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void CancelRequested_NewOperationsFromCallbacksAndContinuations_AreCancelledAtOnceInOrder(bool warm)
    {
        var driver = new ReplayDriver(new WorkflowRegistry().Add<ProbeWorkflow, int, string>(ProbeWorkflow.Definition), ProbeWorkflow.Definition.Name, warm);
        var t1 = driver.Start(JsonPayload.Parse("0"));
        driver.Answer(t1.Commands.Single(c => c.Payload.ToString() == "\"go\""));
        var end = driver.Cancel();
        var actual = end.Status + " " + end.Output + " " + string.Join(",", end.Commands.Select(c => c.CallId[(c.CallId.LastIndexOf('#') + 1)..] + "=" + c.Payload));
        // The same as with a token source made up front (checked against the engine before it was lazy).
        Assert.Equal("Completed \"d;d:newCancelled;c;c:newCancelled;user:aCancelled=False;b;b:newCancelled;a;a:newCancelled\" 5=\"comp-d\",7=\"comp-c\",8=\"comp-user\",10=\"comp-b\",12=\"comp-a\"", actual);
    }

    private sealed class ProbeWorkflow : IWorkflow<int, string>
    {
        public static readonly WorkflowDefinition<int, string> Definition = new("lazy-cancel-probe");

        public async Task<string> RunAsync(WorkflowContext<int> context)
        {
            var order = new List<string>();
            async Task Observe(Task operation, string name)
            {
                try
                {
                    await operation;
                }
                catch (OperationCanceledException)
                {
                    order.Add(name);
                    var again = context.DelayAsync(TimeSpan.FromHours(1)); // own token: already cancelled
                    order.Add(name + (again.IsCanceled ? ":newCancelled" : ":newPending"));
                    _ = context.CallAsync(TestOperations.Echo, "comp-" + name, cancellationToken: CancellationToken.None);
                }
            }

            var a = Observe(context.DelayAsync(TimeSpan.FromDays(1)), "a");
            var b = Observe(context.WaitForEventAsync<int>("x"), "b");
            await context.CallAsync(TestOperations.Echo, "go");
            var reg = context.CancellationToken.Register(() =>
            {
                order.Add("user:aCancelled=" + a.IsCompleted);
                _ = context.CallAsync(TestOperations.Echo, "comp-user", cancellationToken: CancellationToken.None);
            });
            var c = Observe(context.WaitForEventAsync<int>("x", TimeSpan.FromDays(3)), "c");
            var d = Observe(context.DelayAsync(TimeSpan.FromDays(2)), "d");
            await Task.WhenAll(a, b, c, d);
            return string.Join(";", order);
        }
    }
}
