namespace LambdaWorkflow.Orchestrator.State;

/// <summary>Where a workflow instance stands.</summary>
public enum WorkflowStatus
{
    /// <summary>Started and not finished; waiting for results.</summary>
    Running,

    /// <summary>Finished with a result.</summary>
    Completed,

    /// <summary>The workflow threw; the error is recorded.</summary>
    Failed,

    /// <summary>Parked by the engine (non-determinism or a broken invariant); history is kept so it can resume after a fix.</summary>
    Faulted,

    /// <summary>Ended by a cancellation request.</summary>
    Cancelled,
}
