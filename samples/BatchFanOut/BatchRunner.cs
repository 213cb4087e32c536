using System.Diagnostics;
using BatchFanOut.Domain;
using BatchFanOut.Services;
using LambdaWorkflow.Local.Hosting;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.ServiceHost;

namespace BatchFanOut;

/// <summary>Runs one batch on the embedded runtime, watches its children, and checks the result against the seed.</summary>
public sealed class BatchRunner(BatchOptions options)
{
    /// <summary>Called about ten times a second.</summary>
    public Action<RunProgress>? Progress { get; init; }

    public async Task<BatchSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var faults = new LedgerFaults(options);
        var ledger = new LedgerService(faults);
        var registry = new WorkflowRegistry()
            .Add<BatchWorkflow, BatchRequest, BatchResult>(Workflows.Batch)
            .Add<ItemWorkflow, BatchItem, ItemResult>(Workflows.Item);
        await using var runtime = new EmbeddedRuntime(registry, ledger.Register(new ServiceRegistry()), new EmbeddedRuntimeOptions());
        await runtime.StartAsync(cancellationToken);

        var batchId = $"batch-{options.Seed}";
        var wall = Stopwatch.StartNew();
        await runtime.Client.StartAsync(Workflows.Batch, new BatchRequest(batchId, options.Items, options.ChunkSize), batchId, cancellationToken);
        var census = new ChildCensus(runtime.Client, batchId, options.Items);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        var parent = WaitAsync(runtime.Client, batchId, timeout.Token);
        while (!parent.IsCompleted)
        {
            await ReportAsync(runtime, census, batchId, cancellationToken);
            await Task.WhenAny(parent, Task.Delay(100, cancellationToken));
        }

        var elapsed = wall.Elapsed;
        var metadata = await parent;
        await ReportAsync(runtime, census, batchId, cancellationToken);
        await runtime.StopAsync();
        return Summarize(metadata, census, runtime, ledger, faults, elapsed);
    }

    private async Task ReportAsync(EmbeddedRuntime runtime, ChildCensus census, string batchId, CancellationToken cancellationToken)
    {
        await census.RefreshAsync(cancellationToken);
        var parent = await runtime.Client.GetStatusAsync(batchId, cancellationToken);
        var progress = parent is { CustomStatus.IsEmpty: false } ? parent.CustomStatus.Deserialize(BatchJson.Default.BatchProgress) : null;
        Progress?.Invoke(new RunProgress(census.Finished, census.Failed, options.Items, progress, runtime.Counters.StepsApplied));
    }

    private static async Task<InstanceMetadata?> WaitAsync(WorkflowClient client, string id, CancellationToken cancellationToken)
    {
        try
        {
            return await client.WaitForCompletionAsync(id, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return await client.GetStatusAsync(id, CancellationToken.None);
        }
    }

    private BatchSummary Summarize(InstanceMetadata? parent, ChildCensus census, EmbeddedRuntime runtime, LedgerService ledger, LedgerFaults faults, TimeSpan elapsed)
    {
        var result = parent is { Status: WorkflowStatus.Completed } ? parent.Output.Deserialize(BatchJson.Default.BatchResult) : null;
        var expectedFailures = Enumerable.Range(1, options.Items).Where(i => faults.ExpectedToFail(i, LedgerService.ExecutionAttempts)).ToList();
        var expectedTotal = Enumerable.Range(1, options.Items).Except(expectedFailures).Sum(BatchWorkflow.AmountOf);
        var steps = runtime.Counters.StepsApplied;
        return new BatchSummary
        {
            Items = options.Items,
            ChildrenCompleted = census.Completed,
            ChildrenFailed = census.Failed,
            ChildrenUnaccounted = census.Other + census.Unfinished,
            ParentStatus = parent?.Status.ToString() ?? "Unknown",
            Succeeded = result?.Succeeded ?? 0,
            Failed = result?.Failed ?? 0,
            TotalCents = result?.TotalCents ?? 0,
            MatchesPlan = result is not null && result.TotalCents == expectedTotal && result.FailedItems.SequenceEqual(expectedFailures),
            Steps = steps,
            StepsPerSecond = Math.Round(steps / Math.Max(elapsed.TotalSeconds, 1e-9), 0),
            ServiceRetries = ledger.Retries,
            WallSeconds = Math.Round(elapsed.TotalSeconds, 2),
            Seed = options.Seed,
        };
    }
}
