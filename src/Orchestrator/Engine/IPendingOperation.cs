using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>An issued context operation waiting for its result event.</summary>
internal interface IPendingOperation
{
    /// <summary>True once the workflow's task has an outcome (a result, or cancellation before one).</summary>
    bool IsSettled { get; }

    /// <summary>Completes the workflow's task from a result event (inline, on the scheduler's thread); a settled one ignores it.</summary>
    void Complete(HistoryEvent result, string instanceId);
}
