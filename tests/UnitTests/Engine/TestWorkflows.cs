using LambdaWorkflow.Orchestrator;

namespace LambdaWorkflow.UnitTests.Engine;

internal sealed class SequentialWorkflow : IWorkflow<int, int>
{
    public static readonly WorkflowDefinition<int, int> Definition = new("sequential");

    public async Task<int> RunAsync(WorkflowContext<int> context)
    {
        var a = await context.CallAsync(TestOperations.Double, context.Request);
        var b = await context.CallAsync(TestOperations.Square, a);
        var c = await context.CallAsync(TestOperations.Double, b);
        return c;
    }
}

internal sealed class FanOutWorkflow : IWorkflow<int, int>
{
    public static readonly WorkflowDefinition<int, int> Definition = new("fan-out");

    public async Task<int> RunAsync(WorkflowContext<int> context)
    {
        var calls = Enumerable.Range(1, context.Request).Select(i => context.CallAsync(TestOperations.Double, i)).ToList();
        var results = await Task.WhenAll(calls);
        return await context.CallAsync(TestOperations.Square, results.Sum());
    }
}

/// <summary>Races two calls; the loser's result must not change the replayed outcome.</summary>
internal sealed class RaceWorkflow : IWorkflow<int, string>
{
    public static readonly WorkflowDefinition<int, string> Definition = new("race");

    public async Task<string> RunAsync(WorkflowContext<int> context)
    {
        var left = context.CallAsync(TestOperations.Echo, "left");
        var right = context.CallAsync(TestOperations.Echo, "right");
        var first = await Task.WhenAny(left, right);
        var winner = await first;
        var after = await context.CallAsync(TestOperations.Echo, "after-" + winner);
        var other = await (first == left ? right : left);
        return $"{winner}|{after}|{other}";
    }
}

/// <summary>Two async branches interleave; call numbers depend on the order results were handed over.</summary>
internal sealed class InterleavedWorkflow : IWorkflow<int, string>
{
    public static readonly WorkflowDefinition<int, string> Definition = new("interleaved");

    public async Task<string> RunAsync(WorkflowContext<int> context)
    {
        var one = BranchAsync(context, "a");
        var two = BranchAsync(context, "b");
        var results = await Task.WhenAll(one, two);
        return string.Join(",", results);
    }

    private static async Task<string> BranchAsync(WorkflowContext<int> context, string name)
    {
        var first = await context.CallAsync(TestOperations.Echo, name + "1");
        var second = await context.CallAsync(TestOperations.Echo, first + "+" + name + "2");
        return second;
    }
}

/// <summary>Uses every determinism helper; its result must be identical on every replay.</summary>
internal sealed class HelpersWorkflow : IWorkflow<int, string>
{
    public static readonly WorkflowDefinition<int, string> Definition = new("helpers");

    public async Task<string> RunAsync(WorkflowContext<int> context)
    {
        var g1 = context.NewGuid();
        var r1 = context.Random.Next(1_000_000);
        var t1 = context.UtcNow;
        await context.CallAsync(TestOperations.Echo, "x");
        var g2 = context.NewGuid();
        var t2 = context.UtcNow;
        await context.CallAsync(TestOperations.Echo, "y");
        return $"{g1}|{r1}|{t1:O}|{g2}|{t2:O}|{context.UtcNow:O}|{context.Random.Next(1_000_000)}";
    }
}

/// <summary>Compensates when a call fails, and fails itself when asked to.</summary>
internal sealed class CompensatingWorkflow : IWorkflow<string, string>
{
    public static readonly WorkflowDefinition<string, string> Definition = new("compensating");

    public async Task<string> RunAsync(WorkflowContext<string> context)
    {
        var reserved = await context.CallAsync(TestOperations.Reserve, new Item("book", 2));
        try
        {
            await context.CallAsync(TestOperations.Fail, context.Request);
            return "charged";
        }
        catch (CallFailedException ex) when (context.Request != "rethrow")
        {
            await context.CallAsync(TestOperations.Echo, "release-" + reserved.Name);
            return "compensated:" + ex.ErrorType;
        }
    }
}
