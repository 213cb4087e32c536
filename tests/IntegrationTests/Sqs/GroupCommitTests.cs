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
    public async Task SubmitAsync_WhileAFlushIsInFlight_PartialBatchesWait_AndEachFullBatchGoesAtOnceBesideIt_InOrder()
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
        var rest = Enumerable.Range(1, 25).Select(n => commit.SubmitAsync(n)).ToArray();

        // 0 went alone; 1..10 and 11..20 each filled a batch and went beside it; 21..25 wait for a flush to end.
        Assert.Equal([[0], [.. Enumerable.Range(1, 10)], [.. Enumerable.Range(11, 10)]], flushed);
        Assert.Equal(5, commit.Waiting);
        gate.SetResult();
        await Task.WhenAll([first, .. rest]);
        Assert.Equal([.. Enumerable.Range(21, 5)], flushed[^1]);
        Assert.Equal(4, flushed.Count);
        Assert.Equal(0, commit.Waiting);
    }

    [Fact]
    public async Task SubmitAsync_TheFlushThrowsBeforeItsFirstAwait_FailsTheSubmitter_AndTheNextSubmitStillGoes()
    {
        var calls = 0;
        var commit = new GroupCommit<int>(batch => ++calls == 1 ? throw new TimeoutException("refused at once") : Task.FromResult<IReadOnlyList<Exception?>>(new Exception?[batch.Count]));

        await Assert.ThrowsAsync<TimeoutException>(() => commit.SubmitAsync(1));
        await commit.SubmitAsync(2);

        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task SubmitAsync_WaitCancelled_TheItemIsStillSent_AndALaterFailureIsObserved()
    {
        var unobserved = 0;
        void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            if (e.Exception.InnerException is TimeoutException { Message: "failed after the wait was cancelled" })
            {
                Interlocked.Increment(ref unobserved);
            }
        }

        TaskScheduler.UnobservedTaskException += OnUnobserved;
        try
        {
            var sent = await SubmitThenCancelTheWaitAsync();
            for (var i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            Assert.Equal([1], sent);
            Assert.Equal(0, Volatile.Read(ref unobserved));
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= OnUnobserved;
        }

        static async Task<List<int>> SubmitThenCancelTheWaitAsync()
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sent = new List<int>();
            var commit = new GroupCommit<int>(async batch =>
            {
                await gate.Task;
                sent.AddRange(batch);
                flushed.SetResult();
                throw new TimeoutException("failed after the wait was cancelled");
            });
            using var cancel = new CancellationTokenSource();
            var wait = commit.SubmitAsync(1, cancel.Token);
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
            gate.SetResult();
            await flushed.Task;
            while (commit.Waiting > 0)
            {
                await Task.Yield();
            }

            return sent;
        }
    }

    [Fact]
    public async Task SubmitAsync_TokenAlreadyCancelled_ThrowsAndSendsNothing()
    {
        var flushes = 0;
        var commit = new GroupCommit<int>(batch =>
        {
            flushes++;
            return Task.FromResult<IReadOnlyList<Exception?>>(new Exception?[batch.Count]);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => commit.SubmitAsync(1, new CancellationToken(canceled: true)));

        Assert.Equal(0, flushes);
        Assert.Equal(0, commit.Waiting);
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
