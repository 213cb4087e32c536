using LambdaWorkflow.Contracts;

namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>A registered workflow with its types erased, so the engine can start it from a JSON input.</summary>
internal interface IWorkflowRegistration
{
    string Name { get; }

    /// <summary>Starts the workflow; the returned task completes with its serialized result.</summary>
    Task<JsonPayload> StartAsync(WorkflowExecution execution, JsonPayload input);
}
