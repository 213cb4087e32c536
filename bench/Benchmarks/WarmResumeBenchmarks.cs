using BenchmarkDotNet.Attributes;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator.Engine;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Benchmarks;

/// <summary>
/// A warm resume: the orchestrator still holds the instance's execution, suspended on its next call, after
/// <see cref="Calls"/> completed calls (2N + 2 events of history, the last its <c>CallScheduled</c>). One operation hands it the call's result: the
/// workflow continues from where it is, without replaying, and schedules its next call. Compare with
/// <see cref="ReplayBenchmarks"/>, the cold resume of the same history.
/// </summary>
/// <remarks>
/// Each operation grows the history by two events, so every iteration starts again from a freshly recorded
/// execution at exactly N calls and applies <see cref="ResultsPerIteration"/> results: the history is between
/// 2N + 2 and 2N + 2 + 2 × <see cref="ResultsPerIteration"/> events while it is measured.
/// </remarks>
[MemoryDiagnoser]
[InvocationCount(ResultsPerIteration, unrollFactor: 1)]
public class WarmResumeBenchmarks
{
    /// <summary>Results applied per measured iteration.</summary>
    public const int ResultsPerIteration = 200;

    private IWorkflowRegistration _registration = null!;
    private HistoryEvent[] _recorded = [];
    private JsonPayload[] _answers = [];
    private WorkflowExecution _execution = null!;
    private int _next;

    /// <summary>Completed calls in the warm execution's history when an iteration starts.</summary>
    [Params(10, 100, 1_000, 10_000)]
    public int Calls { get; set; }

    /// <summary>Records the history once, and the answers the next calls will get.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _registration = HistoryFactory.Registration();
        _recorded = [.. HistoryFactory.RecordSuspended(_registration, Calls)];

        // Call k asks for Counter(k) and is answered Counter(k + 1); serialized here, as the inbox message would be.
        _answers = [.. Enumerable.Range(Calls, ResultsPerIteration)
            .Select(k => JsonPayload.From(CounterWorkflow.Answer(new Counter(k)), BenchJsonContext.Default.Counter))];
    }

    /// <summary>A warm execution at exactly <see cref="Calls"/> completed calls (a replay, not measured).</summary>
    [IterationSetup]
    public void Warm()
    {
        _execution = new WorkflowExecution(_registration, HistoryFactory.InstanceId, HistoryFactory.Settings, _recorded);
        var replayed = _execution.RunTurn([]);
        if (replayed.Status != WorkflowStatus.Running || _execution.EventCount != _recorded.Length)
        {
            throw new InvalidOperationException($"The warm execution is {replayed.Status} at {_execution.EventCount} events: {replayed.Error}");
        }

        _next = 0;
    }

    /// <summary>The next call's result to the warm execution: it runs on and schedules the call after.</summary>
    [Benchmark]
    public object WarmResume()
    {
        var result = new HistoryEvent
        {
            Sequence = _execution.EventCount,
            Type = HistoryEventType.CallCompleted,
            Timestamp = HistoryFactory.Epoch,
            CallNumber = Calls + _next,
            Attempt = 1,
            Payload = _answers[_next],
        };
        _next++;
        var turn = _execution.RunTurn([result]);
        return turn.Commands.Count == 1 ? turn : throw new InvalidOperationException($"Result {_next} ended {turn.Status}: {turn.Error}");
    }
}
