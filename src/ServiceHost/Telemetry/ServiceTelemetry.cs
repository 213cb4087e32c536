using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LambdaWorkflow.ServiceHost.Telemetry;

/// <summary>
/// The service host's traces and metrics. Subscribe with an <see cref="ActivityListener"/>/<see cref="MeterListener"/>
/// or OpenTelemetry's <c>AddSource(ServiceTelemetry.SourceName)</c> and <c>AddMeter(ServiceTelemetry.MeterName)</c>.
/// </summary>
/// <remarks>
/// Span <c>lwf.service.handle</c> (consumer): one call handled, a child of the orchestrator turn that issued it (its
/// <c>traceParent</c>); the reply carries this span's context back to the inbox. Instruments:
/// <c>lwf.service.call.duration</c> (ms; tags <c>lwf.service</c>, <c>lwf.operation</c>, <c>lwf.outcome</c>) and
/// <c>lwf.service.failures</c> ({failure}; tags <c>lwf.service</c>, <c>lwf.operation</c>, <c>lwf.failure.kind</c>).
/// </remarks>
public static class ServiceTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string SourceName = "LambdaWorkflow.ServiceHost";

    /// <summary>The meter's name (equal to <see cref="SourceName"/>).</summary>
    public const string MeterName = SourceName;

    /// <summary>The name of a handled call's span.</summary>
    public const string HandleActivityName = "lwf.service.handle";

    internal static readonly ActivitySource Source = new(SourceName);

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Histogram<double> CallDuration =
        Meter.CreateHistogram<double>("lwf.service.call.duration", "ms", "Time to handle one call, handler retries included, until its reply is sent.");

    internal static readonly Counter<long> Failures =
        Meter.CreateCounter<long>("lwf.service.failures", "{failure}", "Calls answered with a failure, and messages dead-lettered or left for retry.");
}
