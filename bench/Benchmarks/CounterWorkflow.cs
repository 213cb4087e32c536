using System.Text.Json.Serialization;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator;

namespace LambdaWorkflow.Benchmarks;

/// <summary>The workflow's input: how many sequential calls to make.</summary>
public sealed record LoopInput(int Calls);

/// <summary>Request and response of the one operation: a small (positional) record.</summary>
public sealed record Counter(int Value);

/// <summary>Source-generated JSON metadata for the benchmark's payloads.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LoopInput))]
[JsonSerializable(typeof(Counter))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;

/// <summary><c>for i &lt; N: x = await ctx.CallAsync(op, x)</c>.</summary>
internal sealed class CounterWorkflow : IWorkflow<LoopInput, Counter>
{
    public static readonly WorkflowDefinition<LoopInput, Counter> Definition =
        new("counter", BenchJsonContext.Default.LoopInput, BenchJsonContext.Default.Counter);

    public static readonly ServiceOperation<Counter, Counter> Increment =
        new("counter", "increment", BenchJsonContext.Default.Counter, BenchJsonContext.Default.Counter);

    public async Task<Counter> RunAsync(WorkflowContext<LoopInput> context)
    {
        var x = new Counter(0);
        for (var i = 0; i < context.Request.Calls; i++)
        {
            x = await context.CallAsync(Increment, x);
        }

        return x;
    }

    /// <summary>What the service answers: the next value.</summary>
    public static Counter Answer(Counter request) => new(request.Value + 1);
}
