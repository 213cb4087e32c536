namespace LambdaWorkflow.Orchestrator.State;

/// <summary>An instance as loaded: its metadata and its committed history, in sequence order.</summary>
/// <param name="Metadata">The metadata item.</param>
/// <param name="History">The current run's events, sequences <see cref="InstanceMetadata.FirstSequence"/> to <see cref="InstanceMetadata.EventCount"/> - 1.</param>
public sealed record InstanceSnapshot(InstanceMetadata Metadata, IReadOnlyList<HistoryEvent> History);
