using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>How the execution indexes its history: scheduled operations by number, results in order, markers by name.</summary>
internal sealed partial class WorkflowExecution
{
    private void Index(HistoryEvent e)
    {
        if (_firstEvent is null)
        {
            // A run after continue-as-new begins past the earlier runs' sequences.
            _firstEvent = e;
            _eventCount = e.Sequence;
        }

        _eventCount++;
        switch (e.Type)
        {
            case HistoryEventType.CallScheduled or HistoryEventType.TimerScheduled or HistoryEventType.ChildWorkflowScheduled:
                while (_scheduled.Count <= e.CallNumber)
                {
                    _scheduled.Add(null);
                }

                _scheduled[e.CallNumber] = e;
                break;
            case HistoryEventType.CallCompleted or HistoryEventType.CallFailed or HistoryEventType.TimerFired:
                _results.Add(e);
                MarkAnswered(e.CallNumber);
                break;
            case HistoryEventType.EventReceived:
                _results.Add(e);
                (_eventKeys ??= new(StringComparer.Ordinal)).Add(e.Key ?? string.Empty);
                break;
            case HistoryEventType.CancelRequested:
                _results.Add(e);
                CancellationRequested = true;
                break;
            case HistoryEventType.EarlierRunEvents:
                foreach (var key in e.Payload.Deserialize(Contracts.PayloadJson.TypeInfo<string[]>()))
                {
                    (_eventKeys ??= new(StringComparer.Ordinal)).Add(key);
                    _earlierRunKeys.Add(key);
                }

                break;
            case HistoryEventType.ChildrenAbandoned:
                _abandonedChildren = e.Payload.Deserialize(Contracts.PayloadJson.TypeInfo<string[]>());
                break;
            case HistoryEventType.VersionMarker:
                (_versions ??= new(StringComparer.Ordinal))[e.Name!] = e.Payload.Deserialize(Contracts.PayloadJson.TypeInfo<int>());
                _lastMarkerSequence = e.Sequence;
                break;
        }
    }

    /// <summary>
    /// Notes that operation <paramref name="number"/> has its result: a bit, not a set entry, since numbers are dense.
    /// A result for nothing scheduled is not noted (replay faults on it), so a corrupt number cannot size the bits.
    /// </summary>
    private void MarkAnswered(int number)
    {
        if ((uint)number >= (uint)_scheduled.Count)
        {
            return;
        }

        var word = number >> 6;
        if (_answered is null || word >= _answered.Length)
        {
            Array.Resize(ref _answered, Math.Max(word + 1, (_answered?.Length ?? 0) * 2));
        }

        _answered[word] |= 1UL << number;
    }

    /// <summary>The start events of the children that have not reported; their instance ids are the keys.</summary>
    private IEnumerable<HistoryEvent> OutstandingChildren()
    {
        foreach (var scheduled in _scheduled)
        {
            if (scheduled is { Type: HistoryEventType.ChildWorkflowScheduled } && !HasResult(scheduled.CallNumber))
            {
                yield return scheduled;
            }
        }
    }

    private static bool IsResult(HistoryEventType type) =>
        type is HistoryEventType.CallCompleted or HistoryEventType.CallFailed or HistoryEventType.TimerFired
            or HistoryEventType.EventReceived or HistoryEventType.CancelRequested;

    private static string Describe(HistoryEvent? scheduled) => scheduled switch
    {
        null => "nothing",
        { Type: HistoryEventType.TimerScheduled } => "a timer",
        { Type: HistoryEventType.ChildWorkflowScheduled } => "child workflow '" + scheduled.Name + "'",
        _ => scheduled.Service + "." + scheduled.Operation,
    };
}
