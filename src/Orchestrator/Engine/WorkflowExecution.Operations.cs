using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>The operations a workflow issues through its context: calls, timers, event waits, versions, status.</summary>
internal sealed partial class WorkflowExecution
{
    /// <summary>True when the history holds a cancellation request.</summary>
    public bool CancellationRequested { get; private set; }

    /// <summary>What the history scheduled at <paramref name="number"/>: a call, a timer, or nothing (null).</summary>
    public HistoryEventType? ScheduledAs(int number) => Recorded(number)?.Type;

    /// <summary>The event that scheduled call or timer <paramref name="number"/>, or null.</summary>
    public HistoryEvent? ScheduledEvent(int number) => Recorded(number);

    /// <summary>True when an event with this sender id is already in the history.</summary>
    public bool HasEvent(string eventId) => _eventKeys is not null && _eventKeys.Contains(eventId);

    /// <summary>Timers of the history that have not fired: part of the outbox, rescheduled on redelivery.</summary>
    public IReadOnlyList<TimerRequest> PendingTimers()
    {
        var timers = new List<TimerRequest>();
        foreach (var scheduled in _scheduled)
        {
            if (scheduled is { Type: HistoryEventType.TimerScheduled } && !HasResult(scheduled.CallNumber))
            {
                timers.Add(new TimerRequest(CallId(scheduled.CallNumber), FireAtOf(scheduled)));
            }
        }

        return timers;
    }

    /// <summary>Called by <see cref="WorkflowContext"/> when the workflow issues a call.</summary>
    public Task<TResponse> IssueCall<TRequest, TResponse>(ServiceOperation<TRequest, TResponse> operation, TRequest request, int attempt, CancellationToken? cancellationToken)
    {
        var number = Reserve();
        var scheduled = Recorded(number);
        if (scheduled is not null)
        {
            if (scheduled.Type != HistoryEventType.CallScheduled
                || !string.Equals(scheduled.Service, operation.Service, StringComparison.Ordinal)
                || !string.Equals(scheduled.Operation, operation.Operation, StringComparison.Ordinal))
            {
                Fault($"Non-determinism: #{number} is a call to {operation} in the workflow code but {Describe(scheduled)} in the history.");
                return new TaskCompletionSource<TResponse>().Task;
            }
        }
        else
        {
            if (!MayRecordNew(number, operation.ToString()))
            {
                return new TaskCompletionSource<TResponse>().Task;
            }

            var payload = JsonPayload.From(request, operation.RequestType);
            if (payload.Length > _settings.MaxPayloadBytes)
            {
                throw new PayloadTooLargeException($"The request of call #{number} to {operation}", payload.Length, _settings.MaxPayloadBytes);
            }

            scheduled = Record(new HistoryEvent
            {
                Sequence = _eventCount,
                Type = HistoryEventType.CallScheduled,
                Timestamp = UtcNow,
                CallNumber = number,
                Service = operation.Service,
                Operation = operation.Operation,
                Attempt = attempt,
                Payload = payload,
            });
            (_turnCommands ??= []).Add(ToCommand(scheduled));
        }

        return Track(number, new PendingCall<TResponse>(operation.ResponseType, scheduled), cancellationToken);
    }

    /// <summary>The parent to notify when this instance is a child workflow; null otherwise.</summary>
    public ParentLink? Parent => _firstEvent is { Type: HistoryEventType.WorkflowStarted, Name: { } parent, Key: { } callId } ? new ParentLink(parent, callId) : null;

    /// <summary>Called by <see cref="WorkflowContext"/> when the workflow starts a child workflow.</summary>
    public Task<TResult> IssueChild<TRequest, TResult>(WorkflowDefinition<TRequest, TResult> workflow, TRequest input, string? childId, CancellationToken? cancellationToken)
    {
        var number = Reserve();
        var scheduled = Recorded(number);
        if (scheduled is not null)
        {
            if (scheduled.Type != HistoryEventType.ChildWorkflowScheduled || !string.Equals(scheduled.Name, workflow.Name, StringComparison.Ordinal))
            {
                Fault($"Non-determinism: #{number} is child workflow '{workflow.Name}' in the workflow code but {Describe(scheduled)} in the history.");
                return new TaskCompletionSource<TResult>().Task;
            }
        }
        else
        {
            if (!MayRecordNew(number, "child workflow " + workflow.Name))
            {
                return new TaskCompletionSource<TResult>().Task;
            }

            var payload = JsonPayload.From(input, workflow.RequestType);
            if (payload.Length > _settings.MaxPayloadBytes)
            {
                throw new PayloadTooLargeException($"The input of child workflow #{number} ({workflow.Name})", payload.Length, _settings.MaxPayloadBytes);
            }

            childId ??= ChildId(number);
            Names.EnsureValid(childId, nameof(childId));
            scheduled = Record(new HistoryEvent
            {
                Sequence = _eventCount,
                Type = HistoryEventType.ChildWorkflowScheduled,
                Timestamp = UtcNow,
                CallNumber = number,
                Name = workflow.Name,
                Key = childId,
                Payload = payload,
            });
            (_turnMessages ??= []).Add(StartOf(scheduled));
        }

        return Track(number, new PendingChild<TResult>(workflow.Name, workflow.ResultType, scheduled), cancellationToken);
    }

    /// <summary>
    /// Part of the outbox: start messages of every child the history started that has not reported, and cancellations
    /// for the children an earlier run abandoned when it continued as new.
    /// </summary>
    public IReadOnlyList<InboxMessage> PendingChildMessages()
    {
        var starts = new List<InboxMessage>(AbandonedChildCancels());
        foreach (var scheduled in _scheduled)
        {
            if (scheduled is { Type: HistoryEventType.ChildWorkflowScheduled } && !HasResult(scheduled.CallNumber))
            {
                starts.Add(StartOf(scheduled));
            }
        }

        return starts;
    }

    /// <summary>Called by <see cref="WorkflowContext"/> when the workflow starts a durable timer.</summary>
    public Task IssueTimer(DateTimeOffset fireAt, CancellationToken? cancellationToken)
    {
        var number = Reserve();
        var scheduled = Recorded(number);
        if (scheduled is not null)
        {
            if (scheduled.Type != HistoryEventType.TimerScheduled)
            {
                Fault($"Non-determinism: #{number} is a timer in the workflow code but {Describe(scheduled)} in the history.");
                return new TaskCompletionSource().Task;
            }
        }
        else
        {
            if (!MayRecordNew(number, "a timer"))
            {
                return new TaskCompletionSource().Task;
            }

            scheduled = Record(new HistoryEvent
            {
                Sequence = _eventCount,
                Type = HistoryEventType.TimerScheduled,
                Timestamp = UtcNow,
                CallNumber = number,
                Payload = JsonPayload.From(fireAt, PayloadJson.TypeInfo<DateTimeOffset>()),
            });
            (_turnTimers ??= []).Add(new TimerRequest(CallId(number), fireAt));
        }

        return Track(number, new PendingTimer(), cancellationToken);
    }

    /// <summary>Waits for the next event of a name; an event that arrived before the wait is taken at once.</summary>
    public Task<T> WaitForEvent<T>(string name, JsonTypeInfo<T> payloadType, CancellationToken? cancellationToken)
    {
        var waiter = new PendingEvent<T>(name, payloadType);
        if (_bufferedEvents is not null && _bufferedEvents.TryGetValue(name, out var buffer) && buffer.Count > 0)
        {
            waiter.Complete(buffer.Dequeue(), this);
            return waiter.Task;
        }

        (_eventWaiters ??= new(1)).Add((name, waiter)); // most workflows wait for one event at a time
        _outstanding++;
        WatchCancellation(waiter, cancellationToken, eventWait: true);
        return waiter.Task;
    }

    /// <summary>
    /// The version of a change: the one recorded in history, or — where this code point already ran in an older
    /// turn without a marker — <paramref name="minSupported"/>'s floor, <see cref="WorkflowContext.DefaultVersion"/>;
    /// live code records <paramref name="maxSupported"/>.
    /// </summary>
    public int GetVersion(string changeId, int minSupported, int maxSupported)
    {
        _versions ??= new(StringComparer.Ordinal);
        if (!_versions.TryGetValue(changeId, out var version))
        {
            if (IsReplaying)
            {
                version = WorkflowContext.DefaultVersion;
            }
            else
            {
                version = maxSupported;
                _versions[changeId] = version;
                Record(new HistoryEvent
                {
                    Sequence = _eventCount,
                    Type = HistoryEventType.VersionMarker,
                    Timestamp = UtcNow,
                    Name = changeId,
                    Payload = JsonPayload.From(version, PayloadJson.TypeInfo<int>()),
                });
            }
        }

        if (version < minSupported || version > maxSupported)
        {
            Fault($"Version {version.ToString(CultureInfo.InvariantCulture)} of change '{changeId}' is outside what the code supports ({minSupported}..{maxSupported}); keep the old branch until such instances have finished.");
        }

        return version;
    }

    /// <summary>Sets the custom status written to the metadata at the end of the turn.</summary>
    public void SetCustomStatus(JsonPayload status)
    {
        if (status.Length > 16 * 1024)
        {
            throw new PayloadTooLargeException("The custom status", status.Length, 16 * 1024);
        }

        _customStatus = status;
    }

    private void RemoveEventWaiter(IPendingOperation settled)
    {
        var index = _eventWaiters?.FindIndex(w => ReferenceEquals(w.Waiter, settled)) ?? -1;
        if (index >= 0)
        {
            _eventWaiters!.RemoveAt(index);
        }

        _outstanding--;
    }

    private int Reserve()
    {
        // Reserve the number first: an operation that faults or throws below still takes it.
        var number = _pending.Count;
        _pending.Add(null);
        return number;
    }

    private StartWorkflow StartOf(HistoryEvent scheduled) => new()
    {
        InstanceId = scheduled.Key!,
        Workflow = scheduled.Name!,
        Input = scheduled.Payload,
        ParentInstanceId = InstanceId,
        ParentCallId = CallId(scheduled.CallNumber),
    };

    private string ChildId(int number)
    {
        // A later run's children get ids of their own: the first run's children may still exist.
        var suffix = Run == 0 ? number.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{Run}.{number}");
        var id = InstanceId + ":" + suffix;
        return id.Length <= Names.MaxLength ? id : "child:" + DeterministicValues.NewGuid(ValuesKey, -1 - number).ToString("N") + ":" + suffix;
    }

    private HistoryEvent? Recorded(int number) => number < _scheduled.Count ? _scheduled[number] : null;

    private bool MayRecordNew(int number, string what)
    {
        if (_resultsDelivered < _committedResults)
        {
            Fault($"Non-determinism: the workflow issued #{number} ({what}) that is not in the history, while {_committedResults - _resultsDelivered} recorded results were still to replay.");
            return false;
        }

        return true;
    }

    private HistoryEvent Record(HistoryEvent e)
    {
        Index(e);
        TurnEvents.Add(e);
        return e;
    }

    private Task<T> Track<T>(int number, PendingOperation<T> operation, CancellationToken? cancellationToken)
    {
        _pending[number] = operation;
        _outstanding++;
        WatchCancellation(operation, cancellationToken, eventWait: false);
        return operation.Task;
    }

    private static DateTimeOffset FireAtOf(HistoryEvent scheduled) => scheduled.Payload.Deserialize(PayloadJson.TypeInfo<DateTimeOffset>());
}
