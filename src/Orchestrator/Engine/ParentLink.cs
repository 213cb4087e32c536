namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>Where a finished child workflow reports: the parent instance and the parent's call id for it.</summary>
internal sealed record ParentLink(string InstanceId, string CallId);
