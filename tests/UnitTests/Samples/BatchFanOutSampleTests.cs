using BatchFanOut;
using BatchFanOut.Domain;
using BatchFanOut.Services;

namespace LambdaWorkflow.UnitTests.Samples;

[Collection(SamplesRunAlone.Name)]
public sealed class BatchFanOutSampleTests
{
    [Fact]
    public async Task RunAsync_ThreeHundredItems_EveryChildAccountedForAndTheSumMatches()
    {
        var options = new BatchOptions { Items = 300, ChunkSize = 50, Seed = 11, PermanentFailureRate = 0.02, TransientFailureRate = 0.1, MaxLatencyMs = 1 };
        var faults = new LedgerFaults(options);
        var failing = Enumerable.Range(1, 300).Where(i => faults.ExpectedToFail(i, LedgerService.ExecutionAttempts)).ToList();

        var summary = await new BatchRunner(options).RunAsync();

        Assert.Equal("Completed", summary.ParentStatus);
        Assert.Equal(0, summary.ChildrenUnaccounted);
        Assert.Equal(300, summary.ChildrenCompleted + summary.ChildrenFailed);
        Assert.NotEmpty(failing);
        Assert.Equal(failing.Count, summary.ChildrenFailed);
        Assert.Equal(summary.ChildrenCompleted, summary.Succeeded);
        Assert.Equal(summary.ChildrenFailed, summary.Failed);
        Assert.Equal(Enumerable.Range(1, 300).Except(failing).Sum(BatchWorkflow.AmountOf), summary.TotalCents);
        Assert.True(summary.MatchesPlan);
        Assert.True(summary.ServiceRetries > 0, "transient ledger failures are retried by the service host");
        Assert.Equal(600, summary.Steps); // each child's ledger result, and each child's report to the parent
    }

    [Fact]
    public async Task RunAsync_NoFailures_EveryItemPostedOnce()
    {
        var options = new BatchOptions { Items = 120, ChunkSize = 7, PermanentFailureRate = 0, TransientFailureRate = 0, MaxLatencyMs = 0 };

        var summary = await new BatchRunner(options).RunAsync();

        Assert.Equal(120, summary.ChildrenCompleted);
        Assert.Equal(120, summary.Succeeded);
        Assert.Equal(Enumerable.Range(1, 120).Sum(BatchWorkflow.AmountOf), summary.TotalCents);
        Assert.Equal(0, summary.ServiceRetries);
        Assert.Equal(240, summary.Steps);
    }
}
