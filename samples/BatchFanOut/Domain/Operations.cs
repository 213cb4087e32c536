using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator;

namespace BatchFanOut.Domain;

/// <summary>The ledger service's operation.</summary>
public static class Ledger
{
    public static readonly ServiceOperation<PostEntry, Posted> Post = new("ledger", "post", BatchJson.Default.PostEntry, BatchJson.Default.Posted);
}

/// <summary>The sample's workflows: the batch parent and its per-item child.</summary>
public static class Workflows
{
    public static readonly WorkflowDefinition<BatchRequest, BatchResult> Batch = new("batch", BatchJson.Default.BatchRequest, BatchJson.Default.BatchResult);

    public static readonly WorkflowDefinition<BatchItem, ItemResult> Item = new("batch-item", BatchJson.Default.BatchItem, BatchJson.Default.ItemResult);
}
