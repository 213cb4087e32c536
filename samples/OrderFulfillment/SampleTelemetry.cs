using LambdaWorkflow.Orchestrator.Telemetry;
using LambdaWorkflow.ServiceHost.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OrderFulfillment;

/// <summary>
/// <c>--trace</c>: OpenTelemetry over the runtime's ActivitySources and Meters, exported to the console. Each order
/// is one trace: the orchestrator's turn, the service span it caused, the turn of the reply, and so on. Swap
/// <c>AddConsoleExporter</c> for an OTLP exporter to send the same data to a collector.
/// </summary>
internal static class SampleTelemetry
{
    public static IDisposable? Start(bool enabled)
    {
        if (!enabled)
        {
            return null;
        }

        var resource = ResourceBuilder.CreateDefault().AddService("order-fulfillment-sample");
        var traces = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(WorkflowTelemetry.SourceName, ServiceTelemetry.SourceName)
            .AddConsoleExporter()
            .Build();
        var metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(WorkflowTelemetry.MeterName, ServiceTelemetry.MeterName)
            .AddConsoleExporter()
            .Build();
        return new Providers(traces, metrics);
    }

    /// <summary>Disposing flushes: the last spans and the metrics are exported before the process ends.</summary>
    private sealed class Providers(TracerProvider traces, MeterProvider metrics) : IDisposable
    {
        public void Dispose()
        {
            traces.Dispose();
            metrics.Dispose();
        }
    }
}
