using LambdaWorkflow.Aws.Sqs;

namespace LambdaWorkflow.IntegrationTests.Sqs;

/// <summary>Group commit of single sends into batch requests (pure logic: the flush is a test double).</summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task SubmitAsync_NothingInFlight_FlushesTheItemAloneAtOnce()
    {
        var flushed = new List<IReadOnlyList<int>>();
        var commit = new GroupCommit<int>(batch =>
        {
            flushed.Add(batch);
            return Task.FromResult<IReadOnlyList<Exception?>>(new Exception?[batch.Count]);
        });

        await commit.SubmitAsync(7);
        await commit.SubmitAsync(8);

        Assert.Equal([[7], [8]], flushed);
        Assert.Equal(0, commit.Waiting);
    }

    [Fact]
    public async Task SubmitAsync_WhileAFlushIsInFlight_LaterItemsGoTogetherInBatchesOfAtMostTen_InOrder()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var flushed = new List<int[]>();
        var commit = new GroupCommit<int>(async batch =>
        {
            lock (flushed)
            {
                flushed.Add([.. batch]);
            }

            await gate.Task;
            return new Exception?[batch.Count];
        });

        var first = commit.SubmitAsync(0);
        var rest = Enumerable.Range(1, 25).Select(commit.SubmitAsync).ToArray();
        Assert.Equal(25, commit.Waiting);
        gate.SetResult();
        await Task.WhenAll([first, .. rest]);

        Assert.Equal([[0], [.. Enumerable.Range(1, 10)], [.. Enumerable.Range(11, 10)], [.. Enumerable.Range(21, 5)]], flushed);
    }

    [Fact]
    public async Task SubmitAsync_AnEntryFails_OnlyThatSubmitterSeesItsReason()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var refused = new InvalidOperationException("entry 1: too large");
        var commit = new GroupCommit<int>(async batch =>
        {
            await gate.Task;
            return [.. batch.Select(item => item == 2 ? refused : null)];
        });

        var lead = commit.SubmitAsync(0);
        var tasks = new[] { commit.SubmitAsync(1), commit.SubmitAsync(2), commit.SubmitAsync(3) };
        gate.SetResult();
        await lead;

        await tasks[0];
        Assert.Same(refused, await Assert.ThrowsAsync<InvalidOperationException>(() => tasks[1]));
        await tasks[2];
    }

    [Fact]
    public async Task SubmitAsync_TheFlushThrows_FailsThatBatchOnly_AndTheNextBatchStillGoes()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var commit = new GroupCommit<string>(async batch =>
        {
            await gate.Task;
            return ++calls == 1 ? throw new TimeoutException("SQS unavailable") : new Exception?[batch.Count];
        }, maxBatch: 2);

        var first = commit.SubmitAsync("a");
        var second = commit.SubmitAsync("b");
        var third = commit.SubmitAsync("c");
        gate.SetResult();

        await Assert.ThrowsAsync<TimeoutException>(() => first);
        await second;
        await third;
        Assert.Equal(2, calls);
        Assert.Equal(0, commit.Waiting);
    }

    [Fact]
    public async Task SubmitAsync_TheFlushAnswersTheWrongNumberOfEntries_FailsTheBatchSayingSo()
    {
        var commit = new GroupCommit<int>(_ => Task.FromResult<IReadOnlyList<Exception?>>([]));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => commit.SubmitAsync(1));

        Assert.Contains("A batch of 1 got 0 results", error.Message, StringComparison.Ordinal);
    }
}
