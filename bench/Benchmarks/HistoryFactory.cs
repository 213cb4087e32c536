using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.Engine;
using LambdaWorkflow.Orchestrator.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace LambdaWorkflow.Benchmarks;

/// <summary>Records a real history by running the workflow live, one result per turn, on a warm execution.</summary>
internal static class HistoryFactory
{
    public const string InstanceId = "bench-instance-0001";

    public static readonly ExecutionSettings Settings = new("inbox", 256 * 1024, NullLogger.Instance);

    /// <summary>When the recorded histories start.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static IWorkflowRegistration Registration()
    {
        var registry = new WorkflowRegistry().Add<CounterWorkflow, LoopInput, Counter>(CounterWorkflow.Definition);
        return registry.TryGet(CounterWorkflow.Definition.Name, out var registration)
            ? registration
            : throw new InvalidOperationException("Not registered.");
    }

    /// <summary>
    /// The full history of an instance that made <paramref name="calls"/> sequential calls and is waiting for the
    /// last one: everything but the final <c>WorkflowCompleted</c>; the last event is the final call's result.
    /// </summary>
    public static List<HistoryEvent> Record(IWorkflowRegistration registration, int calls)
    {
        var (history, turn) = Run(registration, new LoopInput(calls), int.MaxValue);
        if (turn.Status != WorkflowStatus.Completed || history[^1].Type != HistoryEventType.WorkflowCompleted)
        {
            throw new InvalidOperationException($"Recording ended {turn.Status}: {turn.Error}");
        }

        history.RemoveAt(history.Count - 1);
        return history;
    }

    /// <summary>
    /// The history of an instance of an endless loop that has completed <paramref name="calls"/> calls and is suspended
    /// on the next one (call number <paramref name="calls"/>): 2N + 2 events, the last its <c>CallScheduled</c>.
    /// </summary>
    public static List<HistoryEvent> RecordSuspended(IWorkflowRegistration registration, int calls)
    {
        var (history, turn) = Run(registration, new LoopInput(int.MaxValue), calls);
        return turn.Status == WorkflowStatus.Running && history[^1].Type == HistoryEventType.CallScheduled
            ? history
            : throw new InvalidOperationException($"Recording ended {turn.Status} on {history[^1].Type}: {turn.Error}");
    }

    /// <summary>Runs the workflow live, answering each call at once, until it ends or <paramref name="results"/> results were applied.</summary>
    private static (List<HistoryEvent> History, TurnResult Last) Run(IWorkflowRegistration registration, LoopInput input, int results)
    {
        var history = new List<HistoryEvent>();
        var execution = new WorkflowExecution(registration, InstanceId, Settings, []);
        var start = new HistoryEvent
        {
            Sequence = 0,
            Type = HistoryEventType.WorkflowStarted,
            Timestamp = Epoch,
            Payload = JsonPayload.From(input, BenchJsonContext.Default.LoopInput),
        };
        var turn = execution.RunTurn([start]);
        history.AddRange(turn.NewEvents);
        for (var applied = 0; applied < results && turn.Status == WorkflowStatus.Running; applied++)
        {
            var command = turn.Commands.Single();
            var request = command.Payload.Deserialize(BenchJsonContext.Default.Counter);
            CallIds.TryParse(command.CallId, InstanceId, out _, out var number);
            var result = new HistoryEvent
            {
                Sequence = history.Count,
                Type = HistoryEventType.CallCompleted,
                Timestamp = Epoch.AddMilliseconds(history.Count),
                CallNumber = number,
                Attempt = 1,
                Payload = JsonPayload.From(CounterWorkflow.Answer(request), BenchJsonContext.Default.Counter),
            };
            turn = execution.RunTurn([result]);
            history.AddRange(turn.NewEvents);
        }

        return (history, turn);
    }
}
