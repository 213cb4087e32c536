using LambdaWorkflow.Contracts;

namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>Binds a typed workflow to the engine: deserialize input, run, serialize the result.</summary>
internal sealed class WorkflowRegistration<TRequest, TResult>(
    WorkflowDefinition<TRequest, TResult> definition,
    Func<IWorkflow<TRequest, TResult>> factory) : IWorkflowRegistration
{
    public string Name => definition.Name;

    public async Task<JsonPayload> StartAsync(WorkflowExecution execution, JsonPayload input)
    {
        var request = input.Deserialize(definition.RequestType);
        var context = new WorkflowContext<TRequest>(execution, request, definition.RequestType);

        // The workflow's continuations must stay on the engine's scheduler.
        var result = await factory().RunAsync(context).ConfigureAwait(true);
        return JsonPayload.From(result, definition.ResultType);
    }
}
