using LambdaWorkflow.Orchestrator.Engine;

namespace LambdaWorkflow.Orchestrator;

/// <summary>The workflows an orchestrator can run, by name.</summary>
public sealed class WorkflowRegistry
{
    private readonly Dictionary<string, IWorkflowRegistration> _workflows = new(StringComparer.Ordinal);

    /// <summary>The registered names.</summary>
    public IReadOnlyCollection<string> Names => _workflows.Keys;

    /// <summary>Registers a workflow; <paramref name="factory"/> makes a fresh instance for every run.</summary>
    /// <exception cref="ArgumentException">A workflow with the same name is already registered.</exception>
    public WorkflowRegistry Add<TRequest, TResult>(WorkflowDefinition<TRequest, TResult> definition, Func<IWorkflow<TRequest, TResult>> factory)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(factory);
        if (!_workflows.TryAdd(definition.Name, new WorkflowRegistration<TRequest, TResult>(definition, factory)))
        {
            throw new ArgumentException($"A workflow named '{definition.Name}' is already registered.", nameof(definition));
        }

        return this;
    }

    /// <summary>Registers a workflow type with a parameterless constructor.</summary>
    public WorkflowRegistry Add<TWorkflow, TRequest, TResult>(WorkflowDefinition<TRequest, TResult> definition)
        where TWorkflow : IWorkflow<TRequest, TResult>, new() => Add(definition, () => new TWorkflow());

    /// <summary>True when a workflow of that name is registered.</summary>
    public bool Contains(string name) => _workflows.ContainsKey(name);

    internal bool TryGet(string name, out IWorkflowRegistration registration) =>
        _workflows.TryGetValue(name, out registration!);
}
