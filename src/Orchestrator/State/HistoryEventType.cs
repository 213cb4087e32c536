namespace LambdaWorkflow.Orchestrator.State;

/// <summary>The kinds of history event.</summary>
public enum HistoryEventType
{
    /// <summary>The instance started; <see cref="HistoryEvent.Payload"/> is the input.</summary>
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
}
