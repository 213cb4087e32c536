using LambdaWorkflow.Orchestrator;

namespace LambdaWorkflow.Benchmarks;

/// <summary>Suspends at once on an event that never comes: the smallest suspended instance.</summary>
internal sealed class WaitingWorkflow : IWorkflow<LoopInput, Counter>
{
    public static readonly WorkflowDefinition<LoopInput, Counter> Definition =
        new("waiting", BenchJsonContext.Default.LoopInput, BenchJsonContext.Default.Counter);

    public Task<Counter> RunAsync(WorkflowContext<LoopInput> context) =>
        context.WaitForEventAsync("go", payloadType: BenchJsonContext.Default.Counter);
}
