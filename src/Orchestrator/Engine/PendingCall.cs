using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>
/// A call's task. Deriving from the completion source saves an object per call; continuations run inline when
/// the scheduler completes it, so a replayed result costs no extra hop. It names the call through its scheduled
/// event (held by the execution anyway) and builds the call id only if the call fails.
/// </summary>
internal sealed class PendingCall<T>(JsonTypeInfo<T> responseType, HistoryEvent scheduled)
    : TaskCompletionSource<T>, IPendingOperation
{
    public void Complete(HistoryEvent result, string instanceId)
    {
        if (result.Type == HistoryEventType.CallFailed)
        {
            SetException(new CallFailedException(scheduled.Service!, scheduled.Operation!, CallIds.Create(instanceId, scheduled.CallNumber), result.Failure ?? new FailureDetails("Unknown", "no details")));
            return;
        }

        T value;
        try
        {
            value = result.Payload.Deserialize(responseType);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            SetException(new CallFailedException(scheduled.Service!, scheduled.Operation!, CallIds.Create(instanceId, scheduled.CallNumber), new FailureDetails("ResultDeserializationFailed", ex.Message)));
            return;
        }

        SetResult(value);
    }
}
