using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>A call waiting for its reply. It names the call through its scheduled event and builds the call id only if the call fails.</summary>
internal sealed class PendingCall<T>(JsonTypeInfo<T> responseType, HistoryEvent scheduled) : PendingOperation<T>
{
    protected override void OnResult(HistoryEvent result, WorkflowExecution execution)
    {
        if (result.Type == HistoryEventType.CallFailed)
        {
            TrySetException(new CallFailedException(scheduled.Service!, scheduled.Operation!, execution.CallId(scheduled.CallNumber), result.Failure ?? new FailureDetails("Unknown", "no details")));
            return;
        }

        T value;
        try
        {
            value = result.Payload.Deserialize(responseType);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            TrySetException(new CallFailedException(scheduled.Service!, scheduled.Operation!, execution.CallId(scheduled.CallNumber), new FailureDetails("ResultDeserializationFailed", ex.Message)));
            return;
        }

        TrySetResult(value);
    }
}
