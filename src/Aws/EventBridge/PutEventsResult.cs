namespace LambdaWorkflow.Aws.EventBridge;

/// <summary>The response of a <c>PutEvents</c> request that EventBridge processed, in full or in part.</summary>
/// <param name="FailedEntryCount">How many entries failed.</param>
/// <param name="Entries">One result per request entry, in request order.</param>
public sealed record PutEventsResult(int FailedEntryCount, IReadOnlyList<PutEventsResultEntry> Entries);
