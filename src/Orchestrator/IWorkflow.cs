namespace LambdaWorkflow.Orchestrator;

/// <summary>
/// A durable workflow written as ordinary async C#. It runs again from the start on every resume, so it must be
/// deterministic: read time, ids and randomness from the context, and await only context operations.
/// </summary>
/// <typeparam name="TRequest">The workflow's input.</typeparam>
/// <typeparam name="TResult">The workflow's result.</typeparam>
public interface IWorkflow<TRequest, TResult>
{
    /// <summary>Runs the workflow.</summary>
    Task<TResult> RunAsync(WorkflowContext<TRequest> context);
}
