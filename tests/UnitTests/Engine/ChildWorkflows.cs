using LambdaWorkflow.Orchestrator;

namespace LambdaWorkflow.UnitTests.Engine;

/// <summary>A child that doubles its input through a service call.</summary>
internal sealed class DoublingChildWorkflow : IWorkflow<int, int>
{
    public static readonly WorkflowDefinition<int, int> Definition = new("doubling-child");

    public Task<int> RunAsync(WorkflowContext<int> context) => context.CallAsync(TestOperations.Double, context.Request);
}

/// <summary>Fans out one child per item and sums their results.</summary>
internal sealed class FanOutParentWorkflow : IWorkflow<int, int>
{
    public static readonly WorkflowDefinition<int, int> Definition = new("fan-out-parent");

    public async Task<int> RunAsync(WorkflowContext<int> context)
    {
        var children = Enumerable.Range(1, context.Request).Select(i => context.CallWorkflowAsync(DoublingChildWorkflow.Definition, i));
        return (await Task.WhenAll(children)).Sum();
    }
}

/// <summary>A child that waits a week on a durable timer: long enough to be cancelled.</summary>
internal sealed class SleepingChildWorkflow : IWorkflow<int, int>
{
    public static readonly WorkflowDefinition<int, int> Definition = new("sleeping-child");

    public async Task<int> RunAsync(WorkflowContext<int> context)
    {
        await context.DelayAsync(TimeSpan.FromDays(7));
        return context.Request;
    }
}

/// <summary>Waits on a sleeping child; cancelling the parent must reach the child.</summary>
internal sealed class SleepingParentWorkflow : IWorkflow<int, int>
{
    public static readonly WorkflowDefinition<int, int> Definition = new("sleeping-parent");

    public Task<int> RunAsync(WorkflowContext<int> context) => context.CallWorkflowAsync(SleepingChildWorkflow.Definition, context.Request, "sleeper-of-" + context.InstanceId);
}
