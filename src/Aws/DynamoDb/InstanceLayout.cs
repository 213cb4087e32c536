namespace LambdaWorkflow.Aws.DynamoDb;

/// <summary>
/// How one committed version of an instance is stored: where its tail starts and the tail's events. A turn needs it
/// to write the next metadata item, which carries the tail forward; a version's layout never changes once committed.
/// </summary>
/// <param name="Version">The committed version this describes.</param>
/// <param name="CreatedAt">The instance's creation time, which tells a recreated instance from the one remembered.</param>
/// <param name="FirstSequence">The first sequence of the current run; events before it belong to earlier runs (continue-as-new).</param>
/// <param name="TailStart">The sequence of the tail's first event; earlier events of the run are in segments.</param>
/// <param name="Tail">The tail's events in sequence order (for an instance in the previous layout: its whole run).</param>
internal sealed record InstanceLayout(long Version, DateTimeOffset CreatedAt, int FirstSequence, int TailStart, IReadOnlyList<StoredEvent> Tail);
