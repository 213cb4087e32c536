using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>How a turn ends: the workflow's state after it ran, checked for non-determinism, as a <see cref="TurnResult"/>.</summary>
internal sealed partial class WorkflowExecution
{
    private TurnResult Conclude()
    {
        var foreign = _scheduler.ForeignWork;
        if (_fault is null && foreign is not null)
        {
            Fault(NonContextAwaitMessage(foreign));
        }

        if (_fault is not null)
        {
            return Finish(WorkflowStatus.Faulted, default, new FailureDetails(FaultTypes.Faulted, _fault), keepNewCalls: false);
        }

        if (_continuation is not null)
        {
            return ContinuedAsNew();
        }

        var task = _workflowTask!;
        if (!task.IsCompleted)
        {
            if (_outstanding > 0)
            {
                return UnissuedHistoryCheck() ?? Finish(WorkflowStatus.Running, default, null, keepNewCalls: true);
            }

            Fault(NonContextAwaitMessage("it is waiting, but on no context operation"));
            return Finish(WorkflowStatus.Faulted, default, new FailureDetails(FaultTypes.Faulted, _fault!), keepNewCalls: false);
        }

        if (_resultsDelivered < _committedResults)
        {
            Fault($"Non-determinism: the workflow finished while {_committedResults - _resultsDelivered} recorded results were still to replay.");
            return Finish(WorkflowStatus.Faulted, default, new FailureDetails(FaultTypes.Faulted, _fault!), keepNewCalls: false);
        }

        if (UnissuedHistoryCheck() is { } unissued)
        {
            return unissued;
        }

        // Results of this turn that arrive after the workflow finished (a race's losers) are not kept.
        DropUndeliveredTurnResults();
        if (task.IsCompletedSuccessfully)
        {
            var output = task.Result;
            if (output.Length > _settings.MaxPayloadBytes)
            {
                return Finish(WorkflowStatus.Failed, default, new FailureDetails(nameof(PayloadTooLargeException), $"The workflow's result is {output.Length:N0} bytes; the limit is {_settings.MaxPayloadBytes:N0} bytes."), keepNewCalls: true);
            }

            return Finish(WorkflowStatus.Completed, output, null, keepNewCalls: true);
        }

        var exception = task.Exception?.InnerExceptions.Count == 1 ? task.Exception.InnerException! : (Exception?)task.Exception ?? new TaskCanceledException();
        if (IsCancelled && exception is OperationCanceledException)
        {
            return Finish(WorkflowStatus.Cancelled, default, new FailureDetails("Cancelled", "The workflow was cancelled."), keepNewCalls: true);
        }

        return Finish(WorkflowStatus.Failed, default, FailureDetails.FromException(exception), keepNewCalls: true);
    }

    /// <summary>
    /// Removes this turn's results that were not handed to the workflow. They sit in <see cref="TurnEvents"/> in the
    /// order they sit in <see cref="_results"/>, so the first ones up to the delivered count stay.
    /// </summary>
    private void DropUndeliveredTurnResults()
    {
        var keepResults = Math.Max(0, _resultsDelivered - _turnFirstResult);
        var kept = 0;
        for (var i = 0; i < TurnEvents.Count; i++)
        {
            var e = TurnEvents[i];
            if (IsResult(e.Type))
            {
                if (keepResults == 0)
                {
                    continue;
                }

                keepResults--;
            }

            TurnEvents[kept++] = e;
        }

        TurnEvents.RemoveRange(kept, TurnEvents.Count - kept);
    }

    private TurnResult? UnissuedHistoryCheck()
    {
        for (var n = _pending.Count; n < _scheduled.Count; n++)
        {
            if (_scheduled[n] is { } missing)
            {
                Fault($"Non-determinism: the history has call #{n} ({Describe(missing)}) that the workflow code did not issue.");
                return Finish(WorkflowStatus.Faulted, default, new FailureDetails(FaultTypes.Faulted, _fault!), keepNewCalls: false);
            }
        }

        return null;
    }

    private TurnResult Finish(WorkflowStatus status, JsonPayload output, FailureDetails? error, bool keepNewCalls)
    {
        var events = new List<HistoryEvent>(TurnEvents.Count + 1);
        foreach (var e in TurnEvents)
        {
            if (keepNewCalls || e.Type is not (HistoryEventType.CallScheduled or HistoryEventType.TimerScheduled or HistoryEventType.ChildWorkflowScheduled or HistoryEventType.VersionMarker))
            {
                var sequence = _turnBaseSequence + events.Count;
                events.Add(e.Sequence == sequence ? e : e with { Sequence = sequence });
            }
        }

        if (status is WorkflowStatus.Completed or WorkflowStatus.Failed or WorkflowStatus.Cancelled)
        {
            events.Add(new HistoryEvent
            {
                Sequence = _turnBaseSequence + events.Count,
                Type = status switch
                {
                    WorkflowStatus.Completed => HistoryEventType.WorkflowCompleted,
                    WorkflowStatus.Cancelled => HistoryEventType.WorkflowCancelled,
                    _ => HistoryEventType.WorkflowFailed,
                },
                Timestamp = UtcNow,
                Payload = output,
                Failure = error,
            });
        }

        var running = status == WorkflowStatus.Running;
        return new TurnResult(status, events, keepNewCalls ? [.. _turnCommands ?? []] : [], running ? [.. _turnTimers ?? []] : [], keepNewCalls ? [.. _turnMessages ?? []] : [], output, error, _customStatus);
    }
}
