namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>A durable timer to deliver: <c>TimerFired</c> for <paramref name="TimerId"/> at <paramref name="FireAt"/>.</summary>
internal sealed record TimerRequest(string TimerId, DateTimeOffset FireAt);
