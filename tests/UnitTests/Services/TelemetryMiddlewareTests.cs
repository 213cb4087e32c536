using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using LambdaWorkflow.ServiceHost;
using LambdaWorkflow.ServiceHost.Middleware;
using LambdaWorkflow.UnitTests.ServiceHost;

namespace LambdaWorkflow.UnitTests.Services;

public sealed class TelemetryMiddlewareTests
{
    [Fact]
    public async Task TelemetryMiddleware_TracesEachAttemptInTheCallersTrace_AndMeasuresItsOutcome()
    {
        var activities = new ConcurrentQueue<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ServiceTelemetryMiddleware.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(activityListener);
        var measurements = new ConcurrentQueue<(string Instrument, double Value, string Outcome)>();
        using var meterListener = new MeterListener();
        using var telemetry = new ServiceTelemetryMiddleware();
        meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ServiceTelemetryMiddleware.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, Outcome(tags))));
        meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, Outcome(tags))));
        meterListener.Start();
        var attempts = 0;
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (request, _, _) =>
            ++attempts == 1 ? throw new TimeoutException("slow") : CallMessages.Reserve(request));
        var kit = new ServiceTestKit();
        var dispatcher = kit.Dispatcher(registry, options => options.Middleware.Add(telemetry));

        await dispatcher.HandleAsync(CallMessages.Create());

        var spans = activities.Where(a => a.OperationName == "inventory.reserve").ToList();
        Assert.Equal(2, spans.Count);
        Assert.All(spans, span => Assert.Equal("0af7651916cd43dd8448eb211c80319c", span.TraceId.ToHexString()));
        Assert.Equal(["TimeoutException", "completed"], spans.Select(s => (string)s.GetTagItem("lwf.outcome")!));
        Assert.Equal(ActivityStatusCode.Error, spans[0].Status);
        Assert.Equal(
            [("lwf.service.handler.executions", "TimeoutException"), ("lwf.service.handler.executions", "completed")],
            measurements.Where(m => m.Instrument == "lwf.service.handler.executions").Select(m => (m.Instrument, m.Outcome)));
        Assert.Equal(2, measurements.Count(m => m.Instrument == "lwf.service.handler.duration"));
    }

    private static string Outcome(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "lwf.outcome")
            {
                return (string)tag.Value!;
            }
        }

        return "?";
    }
}
