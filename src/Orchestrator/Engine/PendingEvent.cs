using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>A wait for the next external event of a name.</summary>
internal sealed class PendingEvent<T>(string name, JsonTypeInfo<T> payloadType) : PendingOperation<T>
{
    public string Name => name;

    protected override void OnResult(HistoryEvent result, WorkflowExecution execution)
    {
        try
        {
            TrySetResult(result.Payload.Deserialize(payloadType));
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            TrySetException(new WorkflowException($"Event '{name}' of instance '{execution.InstanceId}' has a payload that does not fit {typeof(T).Name}: {ex.Message}", ex));
        }
    }
}
