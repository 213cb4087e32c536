using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.Engine;
using LambdaWorkflow.Orchestrator.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LambdaWorkflow.UnitTests.Engine;

/// <summary>Where a turn starts and ends: replay versus live, and results that arrive after the workflow finished.</summary>
public sealed class TurnBoundaryTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RunTurn_ReplaySafeLogger_WritesEachLineOnceAcrossReplays(bool warm)
    {
        var logger = new RecordingLogger();
        var registry = new WorkflowRegistry().Add(LoggingWorkflow.Definition, () => new LoggingWorkflow());
        var driver = new ReplayDriver(registry, LoggingWorkflow.Definition.Name, warm, logger);
        driver.Start(JsonPayload.Parse("0"));
        driver.RunToEnd(seed: 0);

        Assert.Equal(WorkflowStatus.Completed, driver.Last.Status);
        Assert.Equal(["start live", "after 0 live", "after 1 live", "after 2 live"], logger.Lines);
    }

    [Fact]
    public void RunTurn_ColdReplay_IsReplayingUntilTheTurnsFirstResult()
    {
        var registry = new WorkflowRegistry().Add(LoggingWorkflow.Definition, () => new LoggingWorkflow());
        var driver = new ReplayDriver(registry, LoggingWorkflow.Definition.Name, warm: false);
        driver.Start(JsonPayload.Parse("0"));
        driver.RunToEnd(seed: 0);

        // One letter per observation point (start, after each call): R replaying, L live. The last turn replays
        // the start and the first two calls, then runs the rest live.
        Assert.Equal("\"RRRL\"", driver.Last.Output.ToString());
    }

    [Fact]
    public void RunTurn_TwoResultsInOneTurnAndWorkflowEndsOnFirst_DropsTheSecond()
    {
        var registry = new WorkflowRegistry().Add(FirstOfTwoWorkflow.Definition, () => new FirstOfTwoWorkflow());
        Assert.True(registry.TryGet(FirstOfTwoWorkflow.Definition.Name, out var registration));
        var settings = new ExecutionSettings("inbox", 1 << 20, NullLogger.Instance);
        var start = new HistoryEvent { Sequence = 0, Type = HistoryEventType.WorkflowStarted, Timestamp = Epoch, Payload = JsonPayload.Parse("0") };
        var first = new WorkflowExecution(registration, "instance-1", settings, []).RunTurn([start]);
        Assert.Equal(2, first.Commands.Count);
        var history = new List<HistoryEvent>(first.NewEvents);

        var right = Result(history.Count, callNumber: 1, "\"right\"");
        var left = Result(history.Count + 1, callNumber: 0, "\"left\"");
        var turn = new WorkflowExecution(registration, "instance-1", settings, history).RunTurn([right, left]);

        Assert.Equal(WorkflowStatus.Completed, turn.Status);
        Assert.Equal("\"right\"", turn.Output.ToString());
        Assert.Equal([HistoryEventType.CallCompleted, HistoryEventType.WorkflowCompleted], turn.NewEvents.Select(e => e.Type));
        Assert.Equal(1, turn.NewEvents[0].CallNumber);
        Assert.Equal([history.Count, history.Count + 1], turn.NewEvents.Select(e => e.Sequence));
    }

    private static HistoryEvent Result(int sequence, int callNumber, string json) => new()
    {
        Sequence = sequence,
        Type = HistoryEventType.CallCompleted,
        Timestamp = Epoch.AddSeconds(sequence),
        CallNumber = callNumber,
        Attempt = 1,
        Payload = JsonPayload.Parse(json),
    };

    private sealed class LoggingWorkflow : IWorkflow<int, string>
    {
        public static readonly WorkflowDefinition<int, string> Definition = new("logging");

        public async Task<string> RunAsync(WorkflowContext<int> context)
        {
            var seen = Mark(context, "start");
            for (var i = 0; i < 3; i++)
            {
                await context.CallAsync(TestOperations.Echo, "x" + i);
                seen += Mark(context, "after " + i);
            }

            return seen;
        }

        private static string Mark(WorkflowContext context, string where)
        {
            var line = where + (context.IsReplaying ? " replaying" : " live");
            context.Logger.Log(LogLevel.Information, default, line, null, static (text, _) => text);
            return context.IsReplaying ? "R" : "L";
        }
    }

    private sealed class FirstOfTwoWorkflow : IWorkflow<int, string>
    {
        public static readonly WorkflowDefinition<int, string> Definition = new("first-of-two");

        public async Task<string> RunAsync(WorkflowContext<int> context)
        {
            var left = context.CallAsync(TestOperations.Echo, "left");
            var right = context.CallAsync(TestOperations.Echo, "right");
            return await await Task.WhenAny(left, right);
        }
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
