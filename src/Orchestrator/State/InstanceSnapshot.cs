namespace LambdaWorkflow.Orchestrator.State;

/// <summary>An instance as loaded: its metadata and its committed history, in sequence order.</summary>
/// <param name="Metadata">The metadata item.</param>
/// <param name="History">Exactly <see cref="InstanceMetadata.EventCount"/> events, sequences 0..count-1.</param>
public sealed record InstanceSnapshot(InstanceMetadata Metadata, IReadOnlyList<HistoryEvent> History);
