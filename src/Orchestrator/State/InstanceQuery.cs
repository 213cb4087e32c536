namespace LambdaWorkflow.Orchestrator.State;

/// <summary>A filter over instances; null fields match everything.</summary>
/// <param name="Status">Only instances in this status.</param>
/// <param name="Workflow">Only instances of this workflow.</param>
/// <param name="UpdatedAfter">Only instances updated after this time.</param>
/// <param name="Limit">At most this many (default 1,000).</param>
public sealed record InstanceQuery(WorkflowStatus? Status = null, string? Workflow = null, DateTimeOffset? UpdatedAfter = null, int Limit = 1000);
