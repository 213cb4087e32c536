using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>Running a faulted instance again, after a deployment fixed what faulted it.</summary>
internal sealed partial class WorkflowExecution
{
    private bool _liveFromStart;
    private int _lastMarkerSequence = -1;

    /// <summary>
    /// Replays the history on the current code and lets the workflow go on from where it faulted. A faulted turn kept
    /// the event it received but none of the calls it issued, so the code is live (new calls, version markers) from
    /// the first result after the last operation the history recorded; results that came in while the instance was
    /// parked are handed over as if they were arriving now.
    /// </summary>
    public TurnResult RunResumed()
    {
        _turnEvents = null;
        _turnCommands?.Clear();
        _turnTimers?.Clear();
        _turnMessages?.Clear();
        _turnBaseSequence = _eventCount;
        var lastRecorded = LastRecordedOperation();
        _liveFromStart = lastRecorded < 0;
        _turnFirstResult = _results.FindIndex(e => e.Sequence > lastRecorded);
        if (_turnFirstResult < 0)
        {
            _turnFirstResult = _results.Count;
        }

        _committedResults = _turnFirstResult;
        using (_scheduler.Enter())
        {
            Drive();
        }

        var result = Conclude();
        _turnEvents = null;
        return result;
    }

    /// <summary>The sequence of the last call, timer, child or version marker in the history; -1 when there is none.</summary>
    private int LastRecordedOperation()
    {
        var last = -1;
        foreach (var scheduled in _scheduled)
        {
            if (scheduled is not null && scheduled.Sequence > last)
            {
                last = scheduled.Sequence;
            }
        }

        return Math.Max(last, _lastMarkerSequence);
    }
}
