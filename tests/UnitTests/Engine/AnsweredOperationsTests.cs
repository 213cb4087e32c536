using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.Engine;
using LambdaWorkflow.Orchestrator.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace LambdaWorkflow.UnitTests.Engine;

/// <summary>Which operations have their result, past the 64 that fit one word of the execution's bits.</summary>
public sealed class AnsweredOperationsTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void HasResult_150CallsSomeAnswered_TrueExactlyForTheAnswered_WarmAndReplayed(bool warm)
    {
        var registry = new WorkflowRegistry().Add<FanOutWorkflow, int, int>(FanOutWorkflow.Definition);
        Assert.True(registry.TryGet(FanOutWorkflow.Definition.Name, out var registration));
        var settings = new ExecutionSettings("inbox", 200 * 1024, NullLogger.Instance);
        var execution = new WorkflowExecution(registration, "instance-1", settings, []);
        var start = execution.RunTurn([new HistoryEvent { Sequence = 0, Type = HistoryEventType.WorkflowStarted, Timestamp = Epoch, Payload = JsonPayload.From(150, PayloadJson.TypeInfo<int>()) }]);
        Assert.Equal(150, start.Commands.Count);
        var history = new List<HistoryEvent>(start.NewEvents);
        var answered = Enumerable.Range(0, 150).Where(n => n % 7 != 3 && n != 64 && n != 127 && n != 149).ToHashSet();
        var results = answered.OrderByDescending(n => n).Select((n, i) => new HistoryEvent
        {
            Sequence = history.Count + i,
            Type = HistoryEventType.CallCompleted,
            Timestamp = Epoch,
            CallNumber = n,
            Attempt = 1,
            Payload = JsonPayload.From(2 * (n + 1), PayloadJson.TypeInfo<int>()),
        }).ToList();
        execution.RunTurn(results);
        history.AddRange(results);
        if (!warm)
        {
            execution = new WorkflowExecution(registration, "instance-1", settings, history);
            execution.RunTurn([]);
        }

        Assert.All(Enumerable.Range(0, 150), n => Assert.Equal(answered.Contains(n), execution.HasResult(n)));
        Assert.False(execution.HasResult(-1));
        Assert.False(execution.HasResult(150));
        Assert.False(execution.HasResult(int.MaxValue));
    }
}
