using LambdaWorkflow.Orchestrator;

namespace BatchFanOut.Domain;

/// <summary>
/// Starts one child workflow per item, all in the first turn, then collects them chunk by chunk in item order,
/// publishing its progress as custom status after each chunk. A failed child is counted, not fatal: the batch
/// completes with the list of items that failed.
/// </summary>
public sealed class BatchWorkflow : IWorkflow<BatchRequest, BatchResult>
{
    public async Task<BatchResult> RunAsync(WorkflowContext<BatchRequest> context)
    {
        var ctx = context;
        var batch = ctx.Request;
        ctx.SetCustomStatus(new BatchProgress(0, 0, batch.Items), BatchJson.Default.BatchProgress);

        // Nothing is sent until the workflow first awaits: then the turn ends and every child start goes out with it.
        var children = new Task<ItemResult>[batch.Items];
        for (var i = 0; i < children.Length; i++)
        {
            var index = i + 1;
            children[i] = ctx.CallWorkflowAsync(Workflows.Item, new BatchItem(batch.BatchId, index, AmountOf(index)), ItemInstanceId(ctx.InstanceId, index));
        }

        var failed = new List<int>();
        long total = 0;
        for (var start = 0; start < children.Length; start += batch.ChunkSize)
        {
            var end = Math.Min(children.Length, start + batch.ChunkSize);
            try
            {
                await Task.WhenAll(children[start..end]);
            }
            catch (ChildWorkflowFailedException)
            {
                // Every child of the chunk has finished here; each is looked at below.
            }

            for (var i = start; i < end; i++)
            {
                if (children[i].IsCompletedSuccessfully)
                {
                    total += children[i].Result.PostedCents;
                }
                else
                {
                    failed.Add(i + 1);
                }
            }

            ctx.SetCustomStatus(new BatchProgress(end, failed.Count, batch.Items), BatchJson.Default.BatchProgress);
        }

        return new BatchResult(batch.BatchId, batch.Items, batch.Items - failed.Count, failed.Count, total, failed);
    }

    /// <summary>The amount of item <paramref name="index"/>, in cents: a pure function, so replay and the runner's check agree.</summary>
    public static long AmountOf(int index) => 100 + (index * 7_919L % 9_900);

    /// <summary>The instance id of the child for item <paramref name="index"/>.</summary>
    public static string ItemInstanceId(string batchInstanceId, int index) => $"{batchInstanceId}-item-{index:D5}";
}
