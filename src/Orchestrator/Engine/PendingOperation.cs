using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>
/// The task of a context operation. Deriving from the completion source saves an object per operation; continuations
/// run inline when the scheduler completes it. Cancellation of the workflow cancels the task, and the late result that
/// may still arrive is then ignored.
/// </summary>
internal abstract class PendingOperation<T> : TaskCompletionSource<T>, IPendingOperation
{
    private CancellationTokenRegistration _cancellation;

    public bool IsSettled => Task.IsCompleted;

    /// <summary>Cancels the task when the token fires; <paramref name="onCancel"/> lets the execution do its accounting.</summary>
    public void CancelWith(Action<IPendingOperation> onCancel, CancellationToken token)
    {
        if (!token.CanBeCanceled)
        {
            return;
        }

        _cancellation = token.Register(() =>
        {
            if (TrySetCanceled(token))
            {
                onCancel(this);
            }
        });
    }

    public void Complete(HistoryEvent result, string instanceId)
    {
        _cancellation.Dispose();
        if (!Task.IsCompleted)
        {
            OnResult(result, instanceId);
        }
    }

    protected abstract void OnResult(HistoryEvent result, string instanceId);
}
