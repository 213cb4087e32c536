using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>Continue-as-new: a run ends and hands its successor a new input and the events it did not consume.</summary>
internal sealed partial class WorkflowExecution
{
    /// <summary>How many consumed event ids a run hands on: a resend older than that many events is taken as new.</summary>
    public const int MaxCarriedEventIds = 1_000;

    private const string AbandonReason = "parent continued as new";

    private readonly List<string> _earlierRunKeys = [];
    private string[] _abandonedChildren = [];
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
    /// history, and its calls' late replies are recognised by their run and ignored. Calls and children issued in this
    /// last turn are not sent; children started before it that have not reported are asked to cancel, since nobody
    /// would receive their result, and the next run records them so its outbox repeats the request.
    /// </summary>
    private TurnResult ContinuedAsNew()
    {
        var abandoned = OutstandingChildren().Where(child => child.Sequence < _turnBaseSequence).Select(child => child.Key!).ToList();
        var messages = abandoned.Select(child => (InboxMessage)new CancelRequested { InstanceId = child, Reason = AbandonReason }).ToList();
        if (_firstEvent!.Sequence >= _turnBaseSequence)
        {
            // This run began in this very turn and is never committed: the children it inherited pass on.
            abandoned.AddRange(_abandonedChildren);
        }

        var continuation = _continuation! with { Carried = CarriedEvents(abandoned) };
        return new TurnResult(WorkflowStatus.Running, [], [], [], messages, default, null, _customStatus) { Continuation = continuation };
    }

    /// <summary>Cancellations for the children an earlier run abandoned; repeated with the outbox.</summary>
    private IEnumerable<InboxMessage> AbandonedChildCancels() =>
        _abandonedChildren.Select(child => new CancelRequested { InstanceId = child, Reason = AbandonReason });

    /// <summary>
    /// What the next run starts with besides its input: the ids of the events consumed so far (the last
    /// <see cref="MaxCarriedEventIds"/>), the abandoned children, the cancellation request if there was one (it stands
    /// for the instance, not for a run), and the external events buffered with no waiter or never handed over, in the
    /// order they arrived.
    /// </summary>
    private List<HistoryEvent> CarriedEvents(List<string> abandoned)
    {
        var carried = _bufferedEvents is null ? [] : _bufferedEvents.Values.SelectMany(queue => queue).ToList();
        for (var i = _resultsDelivered; i < _results.Count; i++)
        {
            if (_results[i].Type == HistoryEventType.EventReceived)
            {
                carried.Add(_results[i]);
            }
        }

        carried.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        var carriedKeys = carried.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var consumed = _earlierRunKeys
            .Concat(_results.Where(e => e.Type == HistoryEventType.EventReceived).Select(e => e.Key ?? string.Empty))
            .Where(key => !carriedKeys.Contains(key))
            .ToList();
        var first = new List<HistoryEvent>(3);
        if (consumed.Count > 0)
        {
            string[] kept = [.. consumed.Skip(Math.Max(0, consumed.Count - MaxCarriedEventIds))];
            first.Add(new HistoryEvent { Sequence = 0, Type = HistoryEventType.EarlierRunEvents, Timestamp = UtcNow, Payload = JsonPayload.From(kept, PayloadJson.TypeInfo<string[]>()) });
        }

        if (abandoned.Count > 0)
        {
            string[] children = [.. abandoned];
            first.Add(new HistoryEvent { Sequence = 0, Type = HistoryEventType.ChildrenAbandoned, Timestamp = UtcNow, Payload = JsonPayload.From(children, PayloadJson.TypeInfo<string[]>()) });
        }

        if (_results.FirstOrDefault(e => e.Type == HistoryEventType.CancelRequested) is { } cancel)
        {
            first.Add(cancel);
        }

        return [.. first, .. carried];
    }
}
