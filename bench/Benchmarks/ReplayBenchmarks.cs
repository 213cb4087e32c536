using BenchmarkDotNet.Attributes;
using LambdaWorkflow.Orchestrator.Engine;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Benchmarks;

/// <summary>
/// A cold resume of an instance whose history holds <see cref="Calls"/> completed sequential calls: the last
/// result arrives, the orchestrator turns the stored history back into events and replays the workflow to its result.
/// </summary>
[MemoryDiagnoser]
public class ReplayBenchmarks
{
    private IWorkflowRegistration _registration = null!;
    private ReadOnlyMemory<byte>[] _storedHistory = [];
    private ReadOnlyMemory<byte> _storedIncoming;
    private ReadOnlyMemory<byte>[] _jsonHistory = [];
    private ReadOnlyMemory<byte> _jsonIncoming;
    private HistoryEvent[] _history = [];
    private HistoryEvent _incoming = null!;

    /// <summary>Completed calls in the history (the last one is this turn's incoming result).</summary>
    [Params(10, 100, 1_000, 10_000)]
    public int Calls { get; set; }

    /// <summary>Records the history live and serializes it to its stored forms.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _registration = HistoryFactory.Registration();
        var events = HistoryFactory.Record(_registration, Calls);
        _history = [.. events.Take(events.Count - 1)];
        _incoming = events[^1];
        _storedHistory = [.. _history.Select(e => (ReadOnlyMemory<byte>)HistoryEventBinary.Serialize(e))];
        _storedIncoming = HistoryEventBinary.Serialize(_incoming);
        _jsonHistory = [.. _history.Select(e => (ReadOnlyMemory<byte>)HistoryEventJson.Serialize(e))];
        _jsonIncoming = HistoryEventJson.Serialize(_incoming);

        Check((TurnResult)ReplayFromStored());
        Check((TurnResult)ReplayFromJson());
        Check((TurnResult)ReplayFromEvents());
    }

    /// <summary>Stored items (<see cref="HistoryEventBinary"/>) to the workflow's result: read every event, then replay.</summary>
    [Benchmark(Baseline = true)]
    public object ReplayFromStored()
    {
        var history = HistoryEventBinary.DeserializeHistory(_storedHistory);
        var incoming = HistoryEventBinary.Deserialize(_storedIncoming);
        var execution = new WorkflowExecution(_registration, HistoryFactory.InstanceId, HistoryFactory.Settings, history);
        return execution.RunTurn([incoming]);
    }

    /// <summary>The same from the readable form (<see cref="HistoryEventJson"/>), for comparison.</summary>
    [Benchmark]
    public object ReplayFromJson()
    {
        var history = HistoryEventJson.DeserializeHistory(_jsonHistory);
        var incoming = HistoryEventJson.Deserialize(_jsonIncoming);
        var execution = new WorkflowExecution(_registration, HistoryFactory.InstanceId, HistoryFactory.Settings, history);
        return execution.RunTurn([incoming]);
    }

    /// <summary>The replay alone, from events already in memory (for comparison with in-memory replays).</summary>
    [Benchmark]
    public object ReplayFromEvents()
    {
        var execution = new WorkflowExecution(_registration, HistoryFactory.InstanceId, HistoryFactory.Settings, _history);
        return execution.RunTurn([_incoming]);
    }

    private void Check(TurnResult turn)
    {
        var result = turn.Status == WorkflowStatus.Completed ? turn.Output.Deserialize(BenchJsonContext.Default.Counter) : null;
        if (result?.Value != Calls)
        {
            throw new InvalidOperationException($"Replay of {Calls} calls ended {turn.Status} with {turn.Output}: {turn.Error}");
        }
    }
}
