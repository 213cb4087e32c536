using System.Diagnostics;
using System.Diagnostics.Metrics;
using LambdaWorkflow.ServiceHost.Callbacks;

namespace LambdaWorkflow.ServiceHost.Middleware;

/// <summary>
/// Traces and measures every handler execution: an <see cref="Activity"/> named <c>{service}.{operation}</c> from the
/// <see cref="ActivitySourceName"/> source, continuing the calling workflow's trace (<see cref="ServiceCallContext.TraceParent"/>),
/// and two instruments of the <see cref="MeterName"/> meter: <c>lwf.service.handler.duration</c> (ms) and
/// <c>lwf.service.handler.executions</c>, tagged with service, operation and outcome (<c>completed</c>, <c>pending</c>
/// or the exception type). Add it first, so that it wraps the other middleware too.
/// </summary>
public sealed class ServiceTelemetryMiddleware : IServiceMiddleware, IDisposable
{
    /// <summary>The activity source's name, to listen to in OpenTelemetry (<c>AddSource</c>).</summary>
    public const string ActivitySourceName = "LambdaWorkflow.ServiceHost";

    /// <summary>The meter's name, to listen to in OpenTelemetry (<c>AddMeter</c>).</summary>
    public const string MeterName = "LambdaWorkflow.ServiceHost";

    private static readonly ActivitySource Source = new(ActivitySourceName);

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _executions;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the middleware.</summary>
    /// <param name="meterFactory">Creates the meter (DI's, after <c>AddMetrics</c>); null creates a meter of its own.</param>
    /// <param name="timeProvider">Measures durations; null for the system clock.</param>
    public ServiceTelemetryMiddleware(IMeterFactory? meterFactory = null, TimeProvider? timeProvider = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _duration = _meter.CreateHistogram<double>("lwf.service.handler.duration", "ms", "Duration of one handler execution attempt.");
        _executions = _meter.CreateCounter<long>("lwf.service.handler.executions", "{execution}", "Handler execution attempts.");
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async Task<ServiceReply<TResponse>> InvokeAsync<TRequest, TResponse>(
        TRequest request, ServiceCallContext context, ServiceHandlerFunc<TRequest, TResponse> nextHandler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(nextHandler);
        ActivityContext.TryParse(context.TraceParent, null, out var parent);
        using var activity = Source.StartActivity(context.Service + "." + context.Operation, ActivityKind.Consumer, parent);
        activity?.SetTag("lwf.call_id", context.CallId);
        activity?.SetTag("lwf.instance_id", context.InstanceId);
        activity?.SetTag("lwf.execution_attempt", context.ExecutionAttempt);
        var started = _timeProvider.GetTimestamp();
        var outcome = "completed";
        try
        {
            var reply = await nextHandler(request, context, cancellationToken).ConfigureAwait(false);
            outcome = reply is { IsPending: true } ? "pending" : outcome;
            return reply;
        }
        catch (Exception ex)
        {
            outcome = ex.GetType().Name;
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
        finally
        {
            var tags = new TagList { { "lwf.service", context.Service }, { "lwf.operation", context.Operation }, { "lwf.outcome", outcome } };
            _duration.Record(_timeProvider.GetElapsedTime(started).TotalMilliseconds, tags);
            _executions.Add(1, tags);
            activity?.SetTag("lwf.outcome", outcome);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
