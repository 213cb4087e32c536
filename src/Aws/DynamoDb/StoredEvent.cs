using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Aws.DynamoDb;

/// <summary>A history event in its stored form (<see cref="HistoryEventBinary"/>), with its sequence at hand.</summary>
/// <param name="Sequence">The event's sequence.</param>
/// <param name="Bytes">The event as <see cref="HistoryEventBinary.Serialize"/> wrote it; never changed afterwards.</param>
internal readonly record struct StoredEvent(int Sequence, byte[] Bytes)
{
    /// <summary>Serializes an event.</summary>
    public static StoredEvent Of(HistoryEvent historyEvent) => new(historyEvent.Sequence, HistoryEventBinary.Serialize(historyEvent));
}
