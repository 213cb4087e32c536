using LambdaWorkflow.Orchestrator;

namespace BatchFanOut.Domain;

/// <summary>
/// One item of the batch: post its entry to the ledger. A permanent ledger failure is not caught, so the child ends
/// failed and its parent sees a <see cref="ChildWorkflowFailedException"/>; transient failures never get here,
/// because the service host retries them.
/// </summary>
public sealed class ItemWorkflow : IWorkflow<BatchItem, ItemResult>
{
    public async Task<ItemResult> RunAsync(WorkflowContext<BatchItem> context)
    {
        var item = context.Request;
        var posted = await context.CallAsync(Ledger.Post, new PostEntry(item.BatchId, item.Index, item.AmountCents));
        return new ItemResult(item.Index, posted.EntryId, posted.AmountCents);
    }
}
