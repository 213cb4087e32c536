using BatchFanOut.Domain;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.State;

namespace BatchFanOut;

/// <summary>
/// Counts the batch's children by reading each one's own status from the store, as an operator would: a second
/// account of the batch, independent of what the parent reports.
/// </summary>
internal sealed class ChildCensus(WorkflowClient client, string batchInstanceId, int items)
{
    private readonly List<string> _unfinished = [.. Enumerable.Range(1, items).Select(i => BatchWorkflow.ItemInstanceId(batchInstanceId, i))];

    public int Completed { get; private set; }

    public int Failed { get; private set; }

    /// <summary>Ended otherwise (cancelled or faulted).</summary>
    public int Other { get; private set; }

    public int Finished => Completed + Failed + Other;

    /// <summary>Still running, or not started yet.</summary>
    public int Unfinished => _unfinished.Count;

    /// <summary>Reads the status of every child not yet seen finished.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var stillRunning = new List<string>(_unfinished.Count);
        foreach (var id in _unfinished)
        {
            var metadata = await client.GetStatusAsync(id, cancellationToken);
            switch (metadata?.Status)
            {
                case null or WorkflowStatus.Running:
                    stillRunning.Add(id);
                    break;
                case WorkflowStatus.Completed:
                    Completed++;
                    break;
                case WorkflowStatus.Failed:
                    Failed++;
                    break;
                default:
                    Other++;
                    break;
            }
        }

        _unfinished.Clear();
        _unfinished.AddRange(stillRunning);
    }
}
