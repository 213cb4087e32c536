using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>An issued context operation waiting for its result event.</summary>
internal interface IPendingOperation
{
    /// <summary>True once the workflow's task has an outcome (a result, or cancellation before one).</summary>
    bool IsSettled { get; }

    /// <summary>
    /// The neighbours in the execution's list of operations that watch the workflow's own cancellation while it has
    /// no token source yet (see <c>WorkflowExecution.WatchCancellation</c>); null outside that list.
    /// </summary>
    IPendingOperation? EarlierWatcher { get; set; }

    /// <inheritdoc cref="EarlierWatcher"/>
    IPendingOperation? LaterWatcher { get; set; }

    /// <summary>Completes the workflow's task from a result event (inline, on the scheduler's thread); a settled one ignores it.</summary>
    void Complete(HistoryEvent result, WorkflowExecution execution);

    /// <summary>Cancels the workflow's task unless it has an outcome; true when it was cancelled now.</summary>
    bool TryCancel(CancellationToken token);
}
