using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>An issued context operation waiting for its result event.</summary>
internal interface IPendingOperation
{
    /// <summary>Completes the workflow's task from a result event (inline, on the scheduler's thread).</summary>
    void Complete(HistoryEvent result, string instanceId);
}
