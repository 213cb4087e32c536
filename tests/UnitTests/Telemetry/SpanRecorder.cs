using System.Collections.Concurrent;
using System.Diagnostics;
using LambdaWorkflow.Orchestrator.Telemetry;
using LambdaWorkflow.ServiceHost.Telemetry;

namespace LambdaWorkflow.UnitTests.Telemetry;

/// <summary>Records every finished span of the runtime's sources and of the test's own source.</summary>
internal sealed class SpanRecorder : IDisposable
{
    public const string TestSourceName = "LambdaWorkflow.UnitTests.Telemetry";

    public static readonly ActivitySource TestSource = new(TestSourceName);

    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is WorkflowTelemetry.SourceName or ServiceTelemetry.SourceName || source.Name == TestSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Spans of one trace; other tests running at the same time record theirs too.</summary>
    public IReadOnlyList<Activity> Trace(ActivityTraceId traceId) => [.. _stopped.Where(a => a.TraceId == traceId)];

    /// <summary>
    /// Waits until the trace has <paramref name="expected"/> spans: a span ends after its work is visible (the last turn
    /// commits, then its span stops), so a test that waited for the work may look before the span is recorded.
    /// </summary>
    public async Task<IReadOnlyList<Activity>> WaitForAsync(ActivityTraceId traceId, int expected)
    {
        for (var i = 0; i < 500 && Trace(traceId).Count < expected; i++)
        {
            await Task.Delay(10);
        }

        return Trace(traceId);
    }

    public void Dispose() => _listener.Dispose();
}
