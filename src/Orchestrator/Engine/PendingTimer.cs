using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>A durable timer waiting for its <c>TimerFired</c> event.</summary>
internal sealed class PendingTimer : PendingOperation<bool>
{
    protected override void OnResult(HistoryEvent result, WorkflowExecution execution) => TrySetResult(true);
}
