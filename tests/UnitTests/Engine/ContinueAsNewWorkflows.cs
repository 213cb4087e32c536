using LambdaWorkflow.Orchestrator;

namespace LambdaWorkflow.UnitTests.Engine;

internal sealed record LoopState(int Remaining, int Total, string Guids = "");

/// <summary>Doubles its counter once per run and continues as new until nothing remains; notes each run's first GUID.</summary>
internal sealed class DoublingLoopWorkflow : IWorkflow<LoopState, string>
{
    public static readonly WorkflowDefinition<LoopState, string> Definition = new("doubling-loop");

    public async Task<string> RunAsync(WorkflowContext<LoopState> context)
    {
        var doubled = await context.CallAsync(TestOperations.Double, context.Request.Remaining);
        var state = new LoopState(context.Request.Remaining - 1, context.Request.Total + doubled, context.Request.Guids + context.NewGuid().ToString("N")[..8] + ",");
        context.SetCustomStatus(state.Remaining);
        if (state.Remaining > 0)
        {
            context.ContinueAsNew(state);
        }

        return $"{state.Total}|run {context.Run}|{state.Guids}";
    }
}

/// <summary>Each run makes a call, then takes one "item" event: items sent while the call was out wait for later runs.</summary>
internal sealed class ItemLoopWorkflow : IWorkflow<int, int>
{
    public static readonly WorkflowDefinition<int, int> Definition = new("item-loop");

    public async Task<int> RunAsync(WorkflowContext<int> context)
    {
        await context.CallAsync(TestOperations.Echo, "run " + context.Run);
        var item = await context.WaitForEventAsync<int>("item");
        if (item == 0)
        {
            return context.Request;
        }

        context.ContinueAsNew(context.Request + item);
        return -1;
    }
}

/// <summary>Races a slow call against a timer; the first run continues as new whatever wins, abandoning the loser.</summary>
internal sealed class AbandoningWorkflow : IWorkflow<int, string>
{
    public static readonly WorkflowDefinition<int, string> Definition = new("abandoning");

    public async Task<string> RunAsync(WorkflowContext<int> context)
    {
        var call = context.CallAsync(TestOperations.Echo, "slow " + context.Run);
        var timer = context.DelayAsync(TimeSpan.FromHours(1));
        var first = await Task.WhenAny(call, timer);
        if (context.Run == 0)
        {
            context.ContinueAsNew(context.Request + 1);
        }

        return first == call ? "call:" + await call : "timer";
    }
}

/// <summary>Continues as new without ever waiting: a loop bug the engine must stop.</summary>
internal sealed class RestlessWorkflow : IWorkflow<int, int>
{
    public static readonly WorkflowDefinition<int, int> Definition = new("restless");

    public Task<int> RunAsync(WorkflowContext<int> context)
    {
        context.ContinueAsNew(context.Request + 1);
        return Task.FromResult(0);
    }
}

/// <summary>A child that continues as new twice before it returns: its parent must still get the result.</summary>
internal sealed class ContinuingChildWorkflow : IWorkflow<int, int>
{
    public static readonly WorkflowDefinition<int, int> Definition = new("continuing-child");

    public async Task<int> RunAsync(WorkflowContext<int> context)
    {
        var doubled = await context.CallAsync(TestOperations.Double, context.Request);
        if (context.Run < 2)
        {
            context.ContinueAsNew(doubled);
        }

        return doubled;
    }
}

/// <summary>Starts a <see cref="ContinuingChildWorkflow"/> and returns its result plus one.</summary>
internal sealed class ContinuingChildParentWorkflow : IWorkflow<int, int>
{
    public static readonly WorkflowDefinition<int, int> Definition = new("continuing-child-parent");

    public async Task<int> RunAsync(WorkflowContext<int> context) =>
        await context.CallWorkflowAsync(ContinuingChildWorkflow.Definition, context.Request) + 1;
}

/// <summary>A child that waits for a "wake" event nobody sends: it ends only by cancellation.</summary>
internal sealed class IdleChildWorkflow : IWorkflow<int, int>
{
    public static readonly WorkflowDefinition<int, int> Definition = new("idle-child");

    public Task<int> RunAsync(WorkflowContext<int> context) => context.WaitForEventAsync<int>("wake");
}

/// <summary>Starts an idle child, waits for "go" or the child, and continues as new once, abandoning the child.</summary>
internal sealed class ChildThenGoWorkflow : IWorkflow<int, int>
{
    public static readonly WorkflowDefinition<int, int> Definition = new("child-then-go");

    public async Task<int> RunAsync(WorkflowContext<int> context)
    {
        var child = context.CallWorkflowAsync(IdleChildWorkflow.Definition, 1);
        var go = context.WaitForEventAsync<int>("go");
        var first = await Task.WhenAny(child, go);
        if (context.Run == 0)
        {
            context.ContinueAsNew(1);
        }

        return first == go ? await go : -1;
    }
}

/// <summary>Run 0 starts a child and continues as new in the same turn; run 1 waits for "go".</summary>
internal sealed class ChildAndContinueWorkflow : IWorkflow<int, int>
{
    public static readonly WorkflowDefinition<int, int> Definition = new("child-and-continue");

    public async Task<int> RunAsync(WorkflowContext<int> context)
    {
        if (context.Run == 0)
        {
            _ = context.CallWorkflowAsync(ContinuingChildWorkflow.Definition, 1);
            context.ContinueAsNew(1);
        }

        return await context.WaitForEventAsync<int>("go");
    }
}
