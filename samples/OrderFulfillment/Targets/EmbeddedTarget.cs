using LambdaWorkflow.Local.Hosting;
using LambdaWorkflow.Local.State;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.ServiceHost;

namespace OrderFulfillment.Targets;

/// <summary>The sample on the embedded runtime, optionally with its state in a SQLite file.</summary>
internal sealed class EmbeddedTarget(EmbeddedRuntime runtime) : IRunTarget
{
    public WorkflowClient Client => runtime.Client;

    public long StepsApplied => runtime.Counters.StepsApplied;

    public long Redeliveries => runtime.Counters.Redeliveries;

    public IReadOnlyDictionary<string, double>? AwsRequests => null;

    public long? ObserverRequests => null;

    public static async Task<EmbeddedTarget> StartAsync(
        WorkflowRegistry workflows, ServiceRegistry services, ServiceRetryOptions serviceRetry, string? database, CancellationToken cancellationToken)
    {
        var runtime = new EmbeddedRuntime(workflows, services, new EmbeddedRuntimeOptions
        {
            ServiceConcurrency = 16,
            DefaultServiceRetry = serviceRetry,
            Store = database is { } path ? new SqliteWorkflowStateStore(path) : null,
        });
        await runtime.StartAsync(cancellationToken);
        return new EmbeddedTarget(runtime);
    }

    public Task StopAsync() => runtime.StopAsync();

    public Task<long> CountDeadLettersAsync(CancellationToken cancellationToken) => Task.FromResult(runtime.Counters.DeadLettered);

    public ValueTask DisposeAsync() => runtime.DisposeAsync();
}
