using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator;

namespace LambdaWorkflow.IntegrationTests.EndToEnd;

/// <summary>The one service the durable-primitive workflows call.</summary>
internal static class MathService
{
    public static readonly ServiceOperation<int, int> Double = new("math", "double");
}

/// <summary>Sleeps on a durable timer of <c>Request</c> seconds, then answers with the request.</summary>
internal sealed class NapWorkflow : IWorkflow<int, int>
{
    public static readonly WorkflowDefinition<int, int> Definition = new("nap");

    public async Task<int> RunAsync(WorkflowContext<int> context)
    {
        await context.DelayAsync(TimeSpan.FromSeconds(context.Request));
        return context.Request;
    }
}

/// <summary>Waits for an <c>approval</c> event, with a timeout far beyond the test.</summary>
internal sealed class ApprovalWorkflow : IWorkflow<int, string>
{
    public static readonly WorkflowDefinition<int, string> Definition = new("approval");

    public async Task<string> RunAsync(WorkflowContext<int> context)
    {
        try
        {
            return await context.WaitForEventAsync<bool>("approval", TimeSpan.FromMinutes(30)) ? "approved" : "rejected";
        }
        catch (EventTimeoutException)
        {
            return "timed out";
        }
    }
}

/// <summary>A child that doubles its input through the math service.</summary>
internal sealed class DoublingChildWorkflow : IWorkflow<int, int>
{
    public static readonly WorkflowDefinition<int, int> Definition = new("doubling-child");

    public Task<int> RunAsync(WorkflowContext<int> context) => context.CallAsync(MathService.Double, context.Request);
}

/// <summary>Starts one child per number from 1 to <c>Request</c> and sums their results.</summary>
internal sealed class FanOutParentWorkflow : IWorkflow<int, int>
{
    public static readonly WorkflowDefinition<int, int> Definition = new("fan-out-parent");

    public async Task<int> RunAsync(WorkflowContext<int> context)
    {
        var children = Enumerable.Range(1, context.Request).Select(i => context.CallWorkflowAsync(DoublingChildWorkflow.Definition, i));
        return (await Task.WhenAll(children)).Sum();
    }
}

/// <summary>A child that sleeps a week: long enough to be cancelled.</summary>
internal sealed class SleepingChildWorkflow : IWorkflow<int, int>
{
    public static readonly WorkflowDefinition<int, int> Definition = new("sleeping-child");

    public async Task<int> RunAsync(WorkflowContext<int> context)
    {
        await context.DelayAsync(TimeSpan.FromDays(7));
        return context.Request;
    }
}

/// <summary>Waits on a sleeping child named <c>sleeper-of-{instance}</c>; cancelling it must reach the child.</summary>
internal sealed class SleepingParentWorkflow : IWorkflow<int, int>
{
    public static readonly WorkflowDefinition<int, int> Definition = new("sleeping-parent");

    public Task<int> RunAsync(WorkflowContext<int> context) =>
        context.CallWorkflowAsync(SleepingChildWorkflow.Definition, context.Request, ChildOf(context.InstanceId));

    public static string ChildOf(string parent) => "sleeper-of-" + parent;
}

/// <summary>Doubles through the math service, naps on a zero-second timer, and continues as new until the countdown ends.</summary>
internal sealed class CountdownWorkflow : IWorkflow<int, int>
{
    public static readonly WorkflowDefinition<int, int> Definition = new("countdown");

    public async Task<int> RunAsync(WorkflowContext<int> context)
    {
        var doubled = await context.CallAsync(MathService.Double, context.Request);
        await context.DelayAsync(TimeSpan.Zero);
        if (context.Request > 1)
        {
            context.ContinueAsNew(context.Request - 1);
        }

        return doubled + (context.Run * 100);
    }
}

/// <summary>Runs a <see cref="CountdownWorkflow"/> as its child, named <c>countdown-of-{instance}</c>.</summary>
internal sealed class CountdownParentWorkflow : IWorkflow<int, int>
{
    public static readonly WorkflowDefinition<int, int> Definition = new("countdown-parent");

    public Task<int> RunAsync(WorkflowContext<int> context) =>
        context.CallWorkflowAsync(CountdownWorkflow.Definition, context.Request, "countdown-of-" + context.InstanceId);
}
