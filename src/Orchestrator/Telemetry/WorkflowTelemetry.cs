using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LambdaWorkflow.Orchestrator.Telemetry;

/// <summary>
/// The orchestrator's traces and metrics. Subscribe with an <see cref="ActivityListener"/>/<see cref="MeterListener"/>
/// or OpenTelemetry's <c>AddSource(WorkflowTelemetry.SourceName)</c> and <c>AddMeter(WorkflowTelemetry.MeterName)</c>.
/// </summary>
/// <remarks>
/// Span <c>lwf.orchestrator.turn</c> (consumer): one inbox message applied, continuing the trace of the message's
/// <c>traceParent</c>; the commands and timers it sends carry the turn's own context on. Instruments:
/// <list type="bullet">
/// <item><c>lwf.orchestrator.turn.duration</c> (ms): a message from receipt to outcome, retries of lost races included; tags <c>lwf.message.type</c>, <c>lwf.outcome</c>.</item>
/// <item><c>lwf.orchestrator.replay.duration</c> (ms): the workflow code run of a turn (a full replay on a cold turn); tags <c>lwf.workflow</c>, <c>lwf.replay.warm</c>.</item>
/// <item><c>lwf.orchestrator.history.size</c> ({event}): committed history length after a turn; tag <c>lwf.workflow</c>.</item>
/// <item><c>lwf.orchestrator.steps</c> ({step}): turns that committed new history; tags <c>lwf.workflow</c>, <c>lwf.message.type</c>.</item>
/// <item><c>lwf.orchestrator.call.latency</c> (ms): from a call's scheduling to its reply being sent; tags <c>lwf.service</c>, <c>lwf.operation</c>, <c>lwf.outcome</c>.</item>
/// <item><c>lwf.orchestrator.failures</c> ({failure}): workflows failed or faulted, messages dead-lettered or left for retry; tag <c>lwf.failure.kind</c>.</item>
/// </list>
/// Tags are low-cardinality on purpose (no instance ids): they become CloudWatch dimensions in EMF.
/// </remarks>
public static class WorkflowTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string SourceName = "LambdaWorkflow.Orchestrator";

    /// <summary>The meter's name (equal to <see cref="SourceName"/>).</summary>
    public const string MeterName = SourceName;

    /// <summary>The name of a turn's span.</summary>
    public const string TurnActivityName = "lwf.orchestrator.turn";

    internal static readonly ActivitySource Source = new(SourceName);

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Histogram<double> TurnDuration =
        Meter.CreateHistogram<double>("lwf.orchestrator.turn.duration", "ms", "Time to apply one inbox message, lost version races retried included.");

    internal static readonly Histogram<double> ReplayDuration =
        Meter.CreateHistogram<double>("lwf.orchestrator.replay.duration", "ms", "Time the workflow code ran in one turn; a cold turn replays the whole history.");

    internal static readonly Histogram<int> HistorySize =
        Meter.CreateHistogram<int>("lwf.orchestrator.history.size", "{event}", "Committed history length after a turn.");

    internal static readonly Counter<long> Steps =
        Meter.CreateCounter<long>("lwf.orchestrator.steps", "{step}", "Turns that committed new history.");

    internal static readonly Histogram<double> CallLatency =
        Meter.CreateHistogram<double>("lwf.orchestrator.call.latency", "ms", "From a call being scheduled to its reply being sent.");

    internal static readonly Counter<long> Failures =
        Meter.CreateCounter<long>("lwf.orchestrator.failures", "{failure}", "Workflows failed or faulted, and inbox messages dead-lettered or retried.");

    /// <summary>True when a listener wants any of the turn-level measurements, so a turn gathers them.</summary>
    internal static bool TurnDetailsEnabled =>
        Source.HasListeners() || ReplayDuration.Enabled || HistorySize.Enabled || Steps.Enabled || CallLatency.Enabled || Failures.Enabled;
}
