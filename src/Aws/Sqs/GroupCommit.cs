namespace LambdaWorkflow.Aws.Sqs;

/// <summary>
/// Turns concurrent single requests into batch requests without waiting for a batch to fill: an item that arrives
/// while nothing is being flushed is flushed at once (alone, so a quiet worker adds no latency); items that arrive
/// while a flush is in flight wait for it and go out together in the next one, up to <c>maxBatch</c> at a time.
/// Under load the batches fill by themselves; that is where the requests are saved. A full batch never waits: once
/// <c>maxBatch</c> items are waiting, another flush starts beside the one in flight, so throughput is not capped at
/// one batch per round trip, and a slow flush (retrying with back-off) holds up only a partial batch behind it.
/// </summary>
/// <typeparam name="TItem">What is sent.</typeparam>
/// <param name="flush">
/// Sends a batch and returns one entry per item, in order: <see langword="null"/> for sent, else why not. An exception
/// it throws fails every item of that batch.
/// </param>
/// <param name="maxBatch">The most items one flush takes (SQS batch requests take ten).</param>
internal sealed class GroupCommit<TItem>(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<Exception?>>> flush, int maxBatch = 10)
{
    private readonly Lock _lock = new();
    private readonly Queue<(TItem Item, TaskCompletionSource Done)> _waiting = new();
    private int _flushers;

    /// <summary>Items waiting for the next flush.</summary>
    public int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Sends <paramref name="item"/> with whatever else is waiting; completes when its own entry is settled.</summary>
    /// <param name="item">What to send.</param>
    /// <param name="cancellationToken">
    /// Already cancelled: nothing is sent. Cancelled later: stops the wait, not the send (the item goes with its batch).
    /// </param>
    /// <exception cref="Exception">The reason the flush gave for this item, or what the flush threw.</exception>
    public Task SubmitAsync(TItem item, CancellationToken cancellationToken = default)
    {
        // Cancelled before it was handed over: nothing is sent.
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        // Continuations run on the pool: the flushing caller must not run other callers' code inside its loop.
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (_lock)
        {
            _waiting.Enqueue((item, done));
            start = _flushers == 0 || _waiting.Count >= maxBatch;
            if (start)
            {
                _flushers++;
            }
        }

        if (start)
        {
            _ = FlushWhileWaitingAsync();
        }

        if (!cancellationToken.CanBeCanceled)
        {
            return done.Task;
        }

        // A caller that stops waiting no longer observes the outcome: observe a failure here, so it is not reported
        // as an unobserved task exception when the batch fails later.
        _ = done.Task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return done.Task.WaitAsync(cancellationToken);
    }

    private async Task FlushWhileWaitingAsync()
    {
        while (true)
        {
            (TItem Item, TaskCompletionSource Done)[] batch;
            lock (_lock)
            {
                if (_waiting.Count == 0)
                {
                    _flushers--;
                    return;
                }

                batch = new (TItem, TaskCompletionSource)[Math.Min(_waiting.Count, maxBatch)];
                for (var i = 0; i < batch.Length; i++)
                {
                    batch[i] = _waiting.Dequeue();
                }
            }

            await SettleAsync(batch).ConfigureAwait(false);
        }
    }

    private async Task SettleAsync((TItem Item, TaskCompletionSource Done)[] batch)
    {
        IReadOnlyList<Exception?> results;
        try
        {
            results = await flush([.. batch.Select(b => b.Item)]).ConfigureAwait(false);
            if (results is null || results.Count != batch.Length)
            {
                throw new InvalidOperationException($"A batch of {batch.Length} got {results?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no"} results.");
            }
        }
        catch (Exception ex)
        {
            foreach (var (_, done) in batch)
            {
                done.TrySetException(ex);
            }

            return;
        }

        for (var i = 0; i < batch.Length; i++)
        {
            if (results[i] is { } error)
            {
                batch[i].Done.TrySetException(error);
            }
            else
            {
                batch[i].Done.TrySetResult();
            }
        }
    }
}
