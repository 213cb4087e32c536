using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>
/// One workflow instance in memory: its history, the workflow's running task and the calls it waits for.
/// A turn appends the incoming events and drives the workflow on the single-threaded scheduler until it can
/// progress no further. Results are handed over strictly in history order and only when the workflow is blocked,
/// exactly as they arrived live, so replay issues the same calls with the same numbers.
/// The object can stay alive between turns (a warm orchestrator) and take the next event without replaying.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "The cancellation source has no timer; executions are dropped from the cache, never disposed.")]
internal sealed partial class WorkflowExecution
{
    private readonly IWorkflowRegistration _registration;
    private readonly ExecutionSettings _settings;
    private readonly WorkflowSynchronizationContext _scheduler = new();
    private readonly List<HistoryEvent?> _scheduled;
    private readonly List<HistoryEvent> _results;
    // The indexes, waiters and turn lists marked "lazy" are made on first use: a warm cache keeps every suspended
    // execution, and most workflows never need most of them.
    private ulong[]? _answered; // lazy; bit n: operation n has its result (operation numbers are dense from 0)
    private HashSet<string>? _eventKeys; // lazy
    private Dictionary<string, int>? _versions; // lazy
    private readonly List<IPendingOperation?> _pending;
    private List<(string Name, IPendingOperation Waiter)>? _eventWaiters; // lazy; in wait order (a flat list: waits are few)
    private Dictionary<string, Queue<HistoryEvent>>? _bufferedEvents; // lazy
    private List<HistoryEvent>? _turnEvents; // lazy; dropped after each turn
    private List<CallRequest>? _turnCommands; // lazy
    private List<TimerRequest>? _turnTimers; // lazy
    private List<InboxMessage>? _turnMessages; // lazy
    private JsonPayload _customStatus;
    private HistoryEvent? _firstEvent;
    private int _eventCount;
    private Task<JsonPayload>? _workflowTask;
    private int _resultsDelivered;
    private int _committedResults;
    private int _turnBaseSequence;
    private int _turnFirstResult;
    private int _outstanding;
    private int _guidCounter;
    private Random? _random;
    private string? _fault;

    public WorkflowExecution(IWorkflowRegistration registration, string instanceId, ExecutionSettings settings, IReadOnlyList<HistoryEvent> committedHistory)
    {
        ArgumentNullException.ThrowIfNull(committedHistory);
        _registration = registration;
        _settings = settings;
        InstanceId = instanceId;

        // A history is mostly calls, each a scheduled event and a result: size the indexes once.
        var calls = committedHistory.Count == 0 ? 0 : (committedHistory.Count / 2) + 1;
        _scheduled = new List<HistoryEvent?>(calls);
        _results = new List<HistoryEvent>(calls);
        _pending = new List<IPendingOperation?>(calls);
        foreach (var e in committedHistory)
        {
            Index(e);
        }

        _committedResults = _results.Count;
        IsReplaying = true;
    }

    public string InstanceId { get; }

    /// <summary>The events of the turn running now.</summary>
    private List<HistoryEvent> TurnEvents => _turnEvents ??= [];

    public string WorkflowName => _registration.Name;

    /// <summary>The workflow this instance runs.</summary>
    public IWorkflowRegistration Registration => _registration;

    /// <summary>True while the workflow re-executes code it already ran in an earlier turn.</summary>
    public bool IsReplaying { get; private set; }

    /// <summary>The turn clock: the timestamp of the latest history event the workflow has consumed.</summary>
    public DateTimeOffset UtcNow { get; private set; }

    /// <summary>The sequence after the last event in memory (committed plus this turn's), counting earlier runs.</summary>
    public int EventCount => _eventCount;

    /// <summary>Which run of the instance this is: 0 at first, one more each time the workflow continues as new.</summary>
    public int Run => _firstEvent is { Type: HistoryEventType.WorkflowStarted } start ? start.Attempt : 0;

    /// <summary>True when the history has scheduled call <paramref name="callNumber"/>.</summary>
    public bool IsScheduled(int callNumber) => callNumber >= 0 && callNumber < _scheduled.Count && _scheduled[callNumber] is not null;

    /// <summary>True when the history has a result for call <paramref name="callNumber"/>.</summary>
    public bool HasResult(int callNumber) =>
        callNumber >= 0 && _answered is { } answered && callNumber >> 6 < answered.Length && (answered[callNumber >> 6] & (1UL << callNumber)) != 0;

    /// <summary>Commands for every scheduled call without a result: the outbox, republished on redelivery.</summary>
    public IReadOnlyList<CallRequest> PendingCommands()
    {
        var commands = new List<CallRequest>();
        foreach (var scheduled in _scheduled)
        {
            if (scheduled is not null && !HasResult(scheduled.CallNumber))
            {
                commands.Add(ToCommand(scheduled));
            }
        }

        return commands;
    }

    public Microsoft.Extensions.Logging.ILogger CreateLogger() => new ReplaySafeLogger(_settings.Logger, this);

    public Guid NewGuid() => DeterministicValues.NewGuid(ValuesKey, _guidCounter++);

    public Random Random => _random ??= new Random(DeterministicValues.Seed(ValuesKey));

    /// <summary>What GUIDs and random numbers derive from: each run gets its own, so a new run does not repeat the last.</summary>
    private string ValuesKey => Run == 0 ? InstanceId : InstanceId + "#" + Run.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Applies this turn's incoming events (a start, or results) and runs the workflow until it blocks or ends.
    /// </summary>
    public TurnResult RunTurn(IReadOnlyList<HistoryEvent> incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        _turnEvents = null;
        _turnCommands?.Clear();
        _turnTimers?.Clear();
        _turnMessages?.Clear();
        if (_firstEvent is null && incoming.Count > 0)
        {
            // A run after continue-as-new starts where the earlier runs' history ended.
            _eventCount = incoming[0].Sequence;
        }

        _turnBaseSequence = _eventCount;
        _turnFirstResult = _results.Count;
        foreach (var e in incoming)
        {
            if (e.Sequence != _eventCount)
            {
                throw new InvalidOperationException($"Event sequence {e.Sequence} does not continue the history of {_eventCount} events.");
            }

            Index(e);
            TurnEvents.Add(e);
        }

        if (_fault is null)
        {
            using (_scheduler.Enter())
            {
                Drive();
            }
        }

        var result = Conclude();

        // The result holds the turn's events now; a suspended execution need not keep them or their list.
        _turnEvents = null;
        return result;
    }

    private void Drive()
    {
        if (_workflowTask is null)
        {
            var start = _firstEvent;
            if (start is not { Type: HistoryEventType.WorkflowStarted })
            {
                Fault("The history does not begin with WorkflowStarted.");
                return;
            }

            UtcNow = start.Timestamp;

            // The start is this turn's own event exactly when the run's history was empty before the turn.
            IsReplaying = start.Sequence < _turnBaseSequence && !_liveFromStart;
            try
            {
                _workflowTask = _registration.StartAsync(this, start.Payload);
            }
            catch (Exception ex)
            {
                _workflowTask = Task.FromException<JsonPayload>(ex);
            }
        }

        while (true)
        {
            _scheduler.Drain();
            if (_fault is not null || _continuation is not null || _workflowTask.IsCompleted || _resultsDelivered >= _results.Count)
            {
                return;
            }

            Deliver(_resultsDelivered++);
        }
    }

    private void Deliver(int resultIndex)
    {
        // This turn's results follow the earlier ones in _results: from the first of them on, the workflow runs live.
        var result = _results[resultIndex];
        if (resultIndex >= _turnFirstResult)
        {
            IsReplaying = false;
        }

        if (result.Timestamp > UtcNow)
        {
            UtcNow = result.Timestamp;
        }

        switch (result.Type)
        {
            case HistoryEventType.EventReceived:
                DeliverEvent(result);
                return;
            case HistoryEventType.CancelRequested:
                if (!IsReplaying)
                {
                    // Cancellation reaches the children that have not reported yet; sent once, when it happens.
                    (_turnMessages ??= []).AddRange(OutstandingChildren().Select(child => new CancelRequested { InstanceId = child.Key!, Reason = "parent cancelled" }));
                }

                CancelWorkflow();
                return;
        }

        var pending = result.CallNumber < _pending.Count ? _pending[result.CallNumber] : null;
        if (pending is null)
        {
            var scheduled = result.CallNumber < _scheduled.Count ? _scheduled[result.CallNumber] : null;
            Fault($"Non-determinism: the history has a result for #{result.CallNumber} ({Describe(scheduled)}) but the workflow code did not issue it before blocking.");
            return;
        }

        _pending[result.CallNumber] = null;
        if (!pending.IsSettled)
        {
            _outstanding--;
        }

        Unwatch(pending);
        pending.Complete(result, this);
    }

    private void DeliverEvent(HistoryEvent received)
    {
        for (var i = 0; _eventWaiters is not null && i < _eventWaiters.Count; i++)
        {
            // The oldest wait on that name takes it.
            if (string.Equals(_eventWaiters[i].Name, received.Name, StringComparison.Ordinal))
            {
                var waiter = _eventWaiters[i].Waiter;
                _eventWaiters.RemoveAt(i);
                _outstanding--;
                Unwatch(waiter);
                waiter.Complete(received, this);
                return;
            }
        }

        // Nobody waits yet: keep it for the first wait on that name.
        _bufferedEvents ??= new(StringComparer.Ordinal);
        if (!_bufferedEvents.TryGetValue(received.Name!, out var buffer))
        {
            _bufferedEvents[received.Name!] = buffer = new Queue<HistoryEvent>();
        }

        buffer.Enqueue(received);
    }

    private CallRequest ToCommand(HistoryEvent scheduled) => Outbox.ToCommand(scheduled, CallId(scheduled.CallNumber), InstanceId, WorkflowName, _settings.ReplyTo);

    /// <summary>The id of call or timer <paramref name="number"/> of this run.</summary>
    internal string CallId(int number) => CallIds.Create(InstanceId, Run, number);

    private void Fault(string message) => _fault ??= message;

    private string NonContextAwaitMessage(string detail) =>
        $"Workflow '{WorkflowName}' awaited something that is not a workflow context operation ({detail}). " +
        "Task.Delay, Task.Run, I/O and other tasks do not survive replay; await only ctx operations such as CallAsync and DelayAsync.";

}
