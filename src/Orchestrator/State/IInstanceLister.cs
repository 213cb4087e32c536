namespace LambdaWorkflow.Orchestrator.State;

/// <summary>Lists instances by status, for recovery sweeps and operators; stores that can offer it implement it.</summary>
public interface IInstanceLister
{
    /// <summary>Instances matching the query, most recently updated first.</summary>
    Task<IReadOnlyList<InstanceMetadata>> ListAsync(InstanceQuery query, CancellationToken cancellationToken = default);
}
