namespace LambdaWorkflow.Orchestrator;

/// <summary>Error types the engine records on an instance it had to park.</summary>
public static class FaultTypes
{
    /// <summary>The engine parked the instance: non-determinism, a non-context await, or a broken history.</summary>
    public const string Faulted = "WorkflowFaulted";
}
