namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>
/// The workflow's own cancellation. Most workflows never look at the token, so its source is made only when workflow
/// code asks for it (or the instance is cancelled). Until then, operations that watch the workflow's cancellation
/// sit in an intrusive list instead of each holding a registration on a token: a suspended execution keeps no
/// source, no registrations and no callback nodes.
/// </summary>
internal sealed partial class WorkflowExecution
{
    private CancellationTokenSource? _cancellation; // lazy
    private IPendingOperation? _latestWatcher; // the list's tail; it is walked from the latest back
    private Action<IPendingOperation>? _onTrackedCancelled; // one delegate for every tracked operation, not one each
    private Action<IPendingOperation>? _onEventWaitCancelled; // likewise for event waits

    /// <summary>Cancelled when a <c>CancelRequested</c> event is handed to the workflow.</summary>
    public CancellationToken CancellationToken => (_cancellation ??= new CancellationTokenSource()).Token;

    private bool IsCancelled => _cancellation is { IsCancellationRequested: true };

    /// <summary>
    /// Cancels <paramref name="operation"/> when <paramref name="token"/> fires; null means the workflow's own
    /// cancellation, which needs no registration while no token source exists.
    /// </summary>
    private void WatchCancellation<T>(PendingOperation<T> operation, CancellationToken? token, bool eventWait)
    {
        if (token is null && _cancellation is null)
        {
            operation.EarlierWatcher = _latestWatcher;
            _latestWatcher?.LaterWatcher = operation;
            _latestWatcher = operation;
            return;
        }

        var onCancel = eventWait ? _onEventWaitCancelled ??= RemoveEventWaiter : _onTrackedCancelled ??= _ => _outstanding--;
        operation.CancelWith(onCancel, token ?? _cancellation!.Token);
    }

    /// <summary>Takes an operation that got its result out of the list, if it is there.</summary>
    private void Unwatch(IPendingOperation operation)
    {
        if (operation.EarlierWatcher is null && operation.LaterWatcher is null && !ReferenceEquals(_latestWatcher, operation))
        {
            return;
        }

        operation.EarlierWatcher?.LaterWatcher = operation.LaterWatcher;
        if (operation.LaterWatcher is null)
        {
            _latestWatcher = operation.EarlierWatcher;
        }
        else
        {
            operation.LaterWatcher.EarlierWatcher = operation.EarlierWatcher;
        }

        operation.EarlierWatcher = null;
        operation.LaterWatcher = null;
    }

    /// <summary>Cancels the workflow: the same callbacks, in the same order, as if every watcher had registered on the token.</summary>
    private void CancelWorkflow()
    {
        var source = _cancellation ??= new CancellationTokenSource();

        // A token source runs its callbacks latest first. Everything registered on it came after every operation in
        // the list (once a source exists, operations register on it), so the source goes first, then the list from
        // the latest back. As with a registration, the task's continuations run before the execution's accounting.
        // Like a token with every operation registered on it, each callback runs even when one throws, and what they
        // threw comes out together at the end.
        List<Exception>? thrown = null;
        try
        {
            source.Cancel();
        }
        catch (AggregateException ex)
        {
            (thrown ??= []).AddRange(ex.InnerExceptions);
        }

        while (_latestWatcher is { } operation)
        {
            Unwatch(operation);
            try
            {
                if (operation.TryCancel(source.Token))
                {
                    // Removes an event wait from the waits (a tracked operation is in none) and counts it settled.
                    RemoveEventWaiter(operation);
                }
            }
            catch (Exception ex)
            {
                (thrown ??= []).Add(ex);
            }
        }

        if (thrown is not null)
        {
            throw new AggregateException(thrown);
        }
    }
}
