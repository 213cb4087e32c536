using LambdaWorkflow.Cli.Instances;
using LambdaWorkflow.Cli.Output;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.UnitTests.Cli;

public sealed class TimelineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void From_CallsTimerEventAndFailure_DurationsFromTheirSchedulingAndEndFromStart()
    {
        HistoryEvent[] history =
        [
            new() { Sequence = 0, Type = HistoryEventType.WorkflowStarted, Timestamp = T0, Payload = JsonPayload.Parse("""{"orderId":"o-1"}""") },
            new() { Sequence = 1, Type = HistoryEventType.CallScheduled, Timestamp = T0, CallNumber = 0, Service = "payments", Operation = "charge", Attempt = 1, Payload = JsonPayload.Parse("{}") },
            new() { Sequence = 2, Type = HistoryEventType.TimerScheduled, Timestamp = T0, CallNumber = 1, Payload = JsonPayload.Parse("\"2026-02-01T09:05:00+00:00\"") },
            new() { Sequence = 3, Type = HistoryEventType.CallFailed, Timestamp = T0.AddMilliseconds(250), CallNumber = 0, Attempt = 1, Failure = new FailureDetails("PaymentDeclined", "card refused") },
            new() { Sequence = 4, Type = HistoryEventType.EventReceived, Timestamp = T0.AddSeconds(2), Name = "approved", Key = "e-1", Payload = JsonPayload.Parse("true") },
            new() { Sequence = 5, Type = HistoryEventType.TimerFired, Timestamp = T0.AddMinutes(5), CallNumber = 1 },
            new() { Sequence = 6, Type = HistoryEventType.WorkflowFailed, Timestamp = T0.AddMinutes(5), Failure = new FailureDetails("CallFailedException", "payments.charge failed") },
        ];

        var timeline = Timeline.From(history);

        Assert.Equal(["WorkflowStarted", "CallScheduled", "TimerScheduled", "CallFailed", "EventReceived", "TimerFired", "WorkflowFailed"], timeline.Select(e => e.Type));
        var failed = timeline[3];
        Assert.Equal(250, failed.DurationMs);
        Assert.Equal(("payments", "charge"), (failed.Service, failed.Operation));
        Assert.Equal("#0 payments.charge failed", failed.Summary);
        Assert.Equal("PaymentDeclined", failed.Error!.Type);
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 9, 5, 0, TimeSpan.Zero), timeline[2].DueAt);
        Assert.Equal(300_000, timeline[5].DurationMs);
        Assert.Equal("event approved (e-1)", timeline[4].Summary);
        Assert.Equal(2_000, timeline[4].OffsetMs);
        Assert.Equal(300_000, timeline[6].DurationMs);
        Assert.Equal("o-1", timeline[0].Payload!.Value.GetProperty("orderId").GetString());
    }

    [Fact]
    public void From_EmptyHistory_IsEmpty() => Assert.Empty(Timeline.From([]));

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("2h", 7200)]
    [InlineData("1.5d", 129_600)]
    public void TryParseSince_Duration_IsThatLongBeforeNow(string text, int seconds)
    {
        Assert.True(Durations.TryParseSince(text, T0, out var since));
        Assert.Equal(T0.AddSeconds(-seconds), since);
    }

    [Fact]
    public void TryParseSince_IsoTimeAndNonsense_ParsesOneRejectsOther()
    {
        Assert.True(Durations.TryParseSince("2026-01-31T08:00:00Z", T0, out var since));
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 8, 0, 0, TimeSpan.Zero), since);
        Assert.False(Durations.TryParseSince("yesterday", T0, out _));
    }

    [Theory]
    [InlineData(850, "850ms")]
    [InlineData(12_345, "12.3s")]
    [InlineData(245_000, "4m05s")]
    [InlineData(7_800_000, "2h10m")]
    public void Format_Durations_ReadLikeAPersonWouldWriteThem(double ms, string expected) =>
        Assert.Equal(expected, Durations.Format(TimeSpan.FromMilliseconds(ms)));
}
