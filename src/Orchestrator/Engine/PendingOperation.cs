using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>
/// The task of a context operation. Deriving from the completion source saves an object per operation; continuations
/// run inline when the scheduler completes it. Cancellation of the workflow cancels the task, and the late result that
/// may still arrive is then ignored.
/// </summary>
internal abstract class PendingOperation<T> : TaskCompletionSource<T>, IPendingOperation
{
    // Only an operation given a token of its own registers on it (the workflow's token is watched by the execution):
    // the registration lives apart, so the common operation does not carry its 24 bytes.
    private TokenWatch? _watch;

    public bool IsSettled => Task.IsCompleted;

    public IPendingOperation? EarlierWatcher { get; set; }

    public IPendingOperation? LaterWatcher { get; set; }

    /// <summary>Cancels the task when the token fires; <paramref name="onCancel"/> lets the execution do its accounting.</summary>
    public void CancelWith(Action<IPendingOperation> onCancel, CancellationToken token)
    {
        if (!token.CanBeCanceled)
        {
            return;
        }

        // The state overload allocates no closure: a suspended operation would keep it for as long as it waits.
        _watch = new TokenWatch(onCancel);
        _watch.Registration = token.Register(static (state, token) => ((PendingOperation<T>)state!).Cancel(token), this);
    }

    public void Complete(HistoryEvent result, WorkflowExecution execution)
    {
        _watch?.Registration.Dispose();
        if (!Task.IsCompleted)
        {
            OnResult(result, execution);
        }
    }

    public bool TryCancel(CancellationToken token) => TrySetCanceled(token);

    private void Cancel(CancellationToken token)
    {
        if (TrySetCanceled(token))
        {
            _watch!.OnCancel(this);
        }
    }

    protected abstract void OnResult(HistoryEvent result, WorkflowExecution execution);

    private sealed class TokenWatch(Action<IPendingOperation> onCancel)
    {
        public Action<IPendingOperation> OnCancel { get; } = onCancel;

        public CancellationTokenRegistration Registration { get; set; }
    }
}
