using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>
/// A call's task. Deriving from the completion source saves an object per call; continuations run inline when
/// the scheduler completes it, so a replayed result costs no extra hop. The call id is only built if the call fails.
/// </summary>
internal sealed class PendingCall<T>(JsonTypeInfo<T> responseType, string service, string operation, int callNumber)
    : TaskCompletionSource<T>, IPendingOperation
{
    public void Complete(HistoryEvent result, string instanceId)
    {
        if (result.Type == HistoryEventType.CallFailed)
        {
            SetException(new CallFailedException(service, operation, CallIds.Create(instanceId, callNumber), result.Failure ?? new FailureDetails("Unknown", "no details")));
            return;
        }

        T value;
        try
        {
            value = result.Payload.Deserialize(responseType);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            SetException(new CallFailedException(service, operation, CallIds.Create(instanceId, callNumber), new FailureDetails("ResultDeserializationFailed", ex.Message)));
            return;
        }

        SetResult(value);
    }
}
