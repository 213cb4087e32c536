namespace LambdaWorkflow.Orchestrator.Hosting;

/// <summary>A well-formed message that can never be processed (unknown workflow, instance or call); it goes to the DLQ.</summary>
internal sealed class RejectedMessageException(string reason) : Exception(reason);
