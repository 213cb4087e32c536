using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>Continue-as-new: a run ends and hands its successor a new input and the events it did not consume.</summary>
internal sealed partial class WorkflowExecution
{
    private RunContinuation? _continuation;

    /// <summary>Called by <see cref="WorkflowContext{TRequest}.ContinueAsNew"/>: this run ends when the turn concludes.</summary>
    public void ContinueAsNew(JsonPayload input)
    {
        if (input.Length > _settings.MaxPayloadBytes)
        {
            throw new PayloadTooLargeException("The input of the next run", input.Length, _settings.MaxPayloadBytes);
        }

        if (_resultsDelivered < _committedResults)
        {
            Fault($"Non-determinism: the workflow continued as new while {_committedResults - _resultsDelivered} recorded results were still to replay.");
            return;
        }

        // The first request wins: code that catches the exception and asks again does not change the outcome.
        _continuation ??= new RunContinuation(input, []);
    }

    /// <summary>
    /// The turn's result for a run that continued as new. Its own events are not kept: the next run starts a fresh
    /// history, and its calls' late replies are recognised by their run and ignored. Calls issued in this last turn
    /// are not sent, and children that have not reported are asked to cancel, since nobody would receive their result.
    /// </summary>
    private TurnResult ContinuedAsNew()
    {
        var messages = OutstandingChildren().Select(child => (InboxMessage)new CancelRequested { InstanceId = child, Reason = "parent continued as new" }).ToList();
        var continuation = _continuation! with { Carried = CarriedEvents() };
        return new TurnResult(WorkflowStatus.Running, [], [], [], messages, default, null, _customStatus) { Continuation = continuation };
    }

    /// <summary>
    /// What the next run starts with besides its input: the ids of the events this run consumed, the cancellation
    /// request if there was one (it stands for the instance, not for a run), and the external events buffered with no
    /// waiter or never handed over, in the order they arrived.
    /// </summary>
    private List<HistoryEvent> CarriedEvents()
    {
        var carried = _bufferedEvents.Values.SelectMany(queue => queue).ToList();
        for (var i = _resultsDelivered; i < _results.Count; i++)
        {
            if (_results[i].Type == HistoryEventType.EventReceived)
            {
                carried.Add(_results[i]);
            }
        }

        carried.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        var carriedKeys = carried.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var consumed = _results.Where(e => e.Type == HistoryEventType.EventReceived && !carriedKeys.Contains(e.Key)).Select(e => e.Key ?? string.Empty).ToArray();
        var first = new List<HistoryEvent>(2);
        if (consumed.Length > 0)
        {
            first.Add(new HistoryEvent { Sequence = 0, Type = HistoryEventType.EarlierRunEvents, Timestamp = UtcNow, Payload = JsonPayload.From(consumed, PayloadJson.TypeInfo<string[]>()) });
        }

        if (_results.FirstOrDefault(e => e.Type == HistoryEventType.CancelRequested) is { } cancel)
        {
            first.Add(cancel);
        }

        return [.. first, .. carried];
    }
}
