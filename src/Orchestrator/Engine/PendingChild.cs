using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>A child workflow waiting to report its result, which arrives as a call result for the parent's call id.</summary>
internal sealed class PendingChild<TResult>(string workflowName, JsonTypeInfo<TResult> resultType, HistoryEvent scheduled) : PendingOperation<TResult>
{
    protected override void OnResult(HistoryEvent result, WorkflowExecution execution)
    {
        if (result.Type == HistoryEventType.CallFailed)
        {
            TrySetException(new ChildWorkflowFailedException(workflowName, scheduled.Key!, result.Failure ?? new FailureDetails("Unknown", "no details")));
            return;
        }

        try
        {
            TrySetResult(result.Payload.Deserialize(resultType));
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            TrySetException(new ChildWorkflowFailedException(workflowName, scheduled.Key!, new FailureDetails("ResultDeserializationFailed", ex.Message)));
        }
    }
}
