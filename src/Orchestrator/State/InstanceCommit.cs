namespace LambdaWorkflow.Orchestrator.State;

/// <summary>
/// One orchestration turn's write: new history events, then the metadata, conditional on the version read.
/// </summary>
/// <param name="ExpectedVersion">The version the turn read; 0 creates the instance (and fails if it exists).</param>
/// <param name="NewEvents">Events with sequences continuing the committed history.</param>
/// <param name="Metadata">The new metadata; its version is <paramref name="ExpectedVersion"/> + 1 and its event count covers the new events.</param>
public sealed record InstanceCommit(long ExpectedVersion, IReadOnlyList<HistoryEvent> NewEvents, InstanceMetadata Metadata);
