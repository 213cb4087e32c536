namespace LambdaWorkflow.Orchestrator.State;

/// <summary>The kinds of history event.</summary>
public enum HistoryEventType
{
    /// <summary>The instance started; <see cref="HistoryEvent.Payload"/> is the input; for a child, <see cref="HistoryEvent.Name"/> is the parent instance and <see cref="HistoryEvent.Key"/> the parent's call id.</summary>
    WorkflowStarted = 1,

    /// <summary>A call was issued (the outbox entry); payload is the request.</summary>
    CallScheduled = 2,

    /// <summary>A call's result arrived; payload is the response.</summary>
    CallCompleted = 3,

    /// <summary>A call failed; <see cref="HistoryEvent.Failure"/> says why.</summary>
    CallFailed = 4,

    /// <summary>The workflow returned; payload is its result.</summary>
    WorkflowCompleted = 5,

    /// <summary>The workflow threw.</summary>
    WorkflowFailed = 6,

    /// <summary>A durable timer was started; it takes a call number, and its payload is the due time (a JSON string).</summary>
    TimerScheduled = 7,

    /// <summary>A durable timer came due.</summary>
    TimerFired = 8,

    /// <summary>An external event arrived; <see cref="HistoryEvent.Name"/> is its name, <see cref="HistoryEvent.Key"/> the sender's event id.</summary>
    EventReceived = 9,

    /// <summary>Cancellation was requested; payload is the reason (a JSON string or null).</summary>
    CancelRequested = 10,

    /// <summary>A versioning decision; <see cref="HistoryEvent.Name"/> is the change id, payload the version chosen.</summary>
    VersionMarker = 11,

    /// <summary>The workflow ended by cancellation.</summary>
    WorkflowCancelled = 12,

    /// <summary>A child workflow was started; it takes a call number, <see cref="HistoryEvent.Name"/> is its workflow, <see cref="HistoryEvent.Key"/> its instance id, payload its input. Its result arrives as a call result.</summary>
    ChildWorkflowScheduled = 13,

    /// <summary>
    /// The first events of a run after continue-as-new carry the ids of the external events the ending run consumed
    /// (payload: a JSON array of strings), so that a resent event stays a duplicate instead of reaching the new run.
    /// </summary>
    EarlierRunEvents = 14,

    /// <summary>
    /// The children an earlier run started and left unreported when it continued as new (payload: a JSON array of
    /// their instance ids): the new run's outbox asks them to cancel, so a crash after the commit cannot orphan them.
    /// </summary>
    ChildrenAbandoned = 15,
}
