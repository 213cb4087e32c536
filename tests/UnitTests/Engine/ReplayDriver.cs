using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.Engine;
using LambdaWorkflow.Orchestrator.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LambdaWorkflow.UnitTests.Engine;

/// <summary>
/// Drives one instance turn by turn, either warm (one execution kept in memory) or cold (a fresh execution
/// replaying the whole history every turn), answering calls with a fake service in a seeded order.
/// </summary>
internal sealed class ReplayDriver
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly IWorkflowRegistration _registration;
    private readonly bool _warm;
    private readonly ExecutionSettings _settings;
    private readonly List<HistoryEvent> _history = [];
    private readonly List<CallRequest> _outstanding = [];
    private readonly List<TimerRequest> _timers = [];
    private int _events;
    private WorkflowExecution? _execution;

    public ReplayDriver(WorkflowRegistry registry, string workflow, bool warm, ILogger? logger = null, int maxPayloadBytes = 200 * 1024)
    {
        Assert.True(registry.TryGet(workflow, out _registration));
        _warm = warm;
        _settings = new ExecutionSettings("inbox", maxPayloadBytes, logger ?? NullLogger.Instance);
    }

    public List<TurnResult> Turns { get; } = [];

    public IReadOnlyList<HistoryEvent> History => _history;

    public TurnResult Last => Turns[^1];

    public static WorkflowRegistry Registry() => new WorkflowRegistry()
        .Add<SequentialWorkflow, int, int>(SequentialWorkflow.Definition)
        .Add<FanOutWorkflow, int, int>(FanOutWorkflow.Definition)
        .Add<RaceWorkflow, int, string>(RaceWorkflow.Definition)
        .Add<InterleavedWorkflow, int, string>(InterleavedWorkflow.Definition)
        .Add<HelpersWorkflow, int, string>(HelpersWorkflow.Definition)
        .Add<CompensatingWorkflow, string, string>(CompensatingWorkflow.Definition)
        .Add<TimerWorkflow, int, string>(TimerWorkflow.Definition)
        .Add<CallTimeoutWorkflow, int, string>(CallTimeoutWorkflow.Definition)
        .Add<RetryingWorkflow, int, string>(RetryingWorkflow.Definition)
        .Add<ApprovalWorkflow, int, string>(ApprovalWorkflow.Definition)
        .Add<CancellableWorkflow, int, string>(CancellableWorkflow.Definition)
        .Add<StatusWorkflow, int, int>(StatusWorkflow.Definition);

    /// <summary>Takes over a stored history (as a new deployment would), with the calls still open in it.</summary>
    public void Load(IReadOnlyList<HistoryEvent> history)
    {
        _history.AddRange(history);
        var answered = history.Where(e => e.Type is HistoryEventType.CallCompleted or HistoryEventType.CallFailed).Select(e => e.CallNumber).ToHashSet();
        _outstanding.AddRange(history.Where(e => e.Type == HistoryEventType.CallScheduled && !answered.Contains(e.CallNumber))
            .Select(e => new CallRequest { CallId = CallIds.Create("instance-1", e.CallNumber), InstanceId = "instance-1", Workflow = "w", Service = e.Service!, Operation = e.Operation!, ReplyTo = "inbox", Payload = e.Payload }));
    }

    public TurnResult Start(JsonPayload input) =>
        Apply(new HistoryEvent { Sequence = 0, Type = HistoryEventType.WorkflowStarted, Timestamp = Epoch, Payload = input });

    public IReadOnlyList<TimerRequest> Timers => _timers;

    /// <summary>Answers outstanding calls and fires timers one per turn, in an order drawn from <paramref name="seed"/>, until the workflow ends.</summary>
    public void RunToEnd(int seed)
    {
        var random = new Random(seed);
        while (Last.Status == WorkflowStatus.Running && _outstanding.Count + _timers.Count > 0)
        {
            var pick = random.Next(_outstanding.Count + _timers.Count);
            if (pick < _outstanding.Count)
            {
                Answer(_outstanding[pick]);
            }
            else
            {
                Fire(_timers[pick - _outstanding.Count]);
            }
        }
    }

    public TurnResult Fire(TimerRequest timer)
    {
        var number = int.Parse(timer.TimerId[(timer.TimerId.LastIndexOf('#') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        _timers.Remove(timer);
        return Apply(new HistoryEvent { Sequence = _history.Count, Type = HistoryEventType.TimerFired, Timestamp = timer.FireAt, CallNumber = number });
    }

    public TurnResult Raise(string name, string payloadJson, string? key = null) =>
        Apply(new HistoryEvent { Sequence = _history.Count, Type = HistoryEventType.EventReceived, Timestamp = Epoch.AddSeconds(Turns.Count), Name = name, Key = key ?? "evt-" + ++_events, Payload = JsonPayload.Parse(payloadJson) });

    public TurnResult Cancel() =>
        Apply(new HistoryEvent { Sequence = _history.Count, Type = HistoryEventType.CancelRequested, Timestamp = Epoch.AddSeconds(Turns.Count), Payload = JsonPayload.Null });

    public TurnResult Answer(CallRequest command)
    {
        var number = int.Parse(command.CallId[(command.CallId.LastIndexOf('#') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var timestamp = Epoch.AddSeconds(Turns.Count);
        var result = FakeService.Answer(command) is { } failure
            ? new HistoryEvent { Sequence = _history.Count, Type = HistoryEventType.CallFailed, Timestamp = timestamp, CallNumber = number, Attempt = 1, Failure = failure }
            : new HistoryEvent { Sequence = _history.Count, Type = HistoryEventType.CallCompleted, Timestamp = timestamp, CallNumber = number, Attempt = 1, Payload = FakeService.Result(command) };
        return Apply(result);
    }

    private TurnResult Apply(HistoryEvent incoming)
    {
        var execution = _warm
            ? _execution ??= new WorkflowExecution(_registration, "instance-1", _settings, _history)
            : new WorkflowExecution(_registration, "instance-1", _settings, _history);
        var turn = execution.RunTurn([incoming]);
        _history.AddRange(turn.NewEvents);
        _outstanding.RemoveAll(c => incoming.CallNumber >= 0 && c.CallId == CallIds.Create("instance-1", incoming.CallNumber));
        _outstanding.AddRange(turn.Commands);
        _timers.AddRange(turn.Timers);
        Turns.Add(turn);
        return turn;
    }
}
