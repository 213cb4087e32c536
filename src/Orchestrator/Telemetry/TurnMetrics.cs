using System.Diagnostics;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator.Engine;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator.Telemetry;

/// <summary>
/// What a turn reports to <see cref="WorkflowTelemetry"/>: replay time, commits, call latencies, failures, and the
/// turn span's tags. Every method returns at once when nobody listens.
/// </summary>
internal static class TurnMetrics
{
    /// <summary>A timestamp to pass to <see cref="Replayed"/>; 0 when nobody listens.</summary>
    public static long StartReplay() => WorkflowTelemetry.TurnDetailsEnabled ? Stopwatch.GetTimestamp() : 0;

    /// <summary>The workflow code ran from <paramref name="started"/> until now.</summary>
    public static void Replayed(string workflow, bool warm, long started)
    {
        if (started == 0)
        {
            return;
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (WorkflowTelemetry.ReplayDuration.Enabled)
        {
            WorkflowTelemetry.ReplayDuration.Record(elapsed, new("lwf.workflow", workflow), new("lwf.replay.warm", warm));
        }

        if (TurnActivity() is { } activity)
        {
            activity.SetTag("lwf.workflow", workflow);
            activity.SetTag("lwf.replay.warm", warm);
            activity.SetTag("lwf.replay.duration_ms", elapsed);
        }
    }

    /// <summary>A turn committed <paramref name="commit"/>, applying a message of <paramref name="messageType"/>.</summary>
    public static void Committed(InstanceCommit commit, string messageType)
    {
        if (!WorkflowTelemetry.TurnDetailsEnabled)
        {
            return;
        }

        var metadata = commit.Metadata;
        WorkflowTelemetry.Steps.Add(1, new("lwf.workflow", metadata.Workflow), new("lwf.message.type", messageType));
        WorkflowTelemetry.HistorySize.Record(metadata.EventCount - metadata.FirstSequence, new KeyValuePair<string, object?>("lwf.workflow", metadata.Workflow));
        if (metadata.Status is WorkflowStatus.Failed or WorkflowStatus.Faulted)
        {
            Failed(metadata.Status == WorkflowStatus.Failed ? "workflow_failed" : "workflow_faulted");
        }

        if (TurnActivity() is { } activity)
        {
            activity.SetTag("lwf.status", metadata.Status.ToString());
            activity.SetTag("lwf.history.size", metadata.EventCount - metadata.FirstSequence);
            if (metadata.Error is { } error && metadata.Status is WorkflowStatus.Failed or WorkflowStatus.Faulted)
            {
                activity.SetTag("error.type", error.ErrorType);
                activity.SetStatus(ActivityStatusCode.Error, error.Message);
            }
        }
    }

    /// <summary>A call's reply is being applied: records how long the call took, from its scheduling to the reply.</summary>
    public static void Answered(HistoryEvent incoming, WorkflowExecution execution)
    {
        if (!WorkflowTelemetry.CallLatency.Enabled
            || incoming.Type is not (HistoryEventType.CallCompleted or HistoryEventType.CallFailed)
            || execution.ScheduledEvent(incoming.CallNumber) is not { } scheduled)
        {
            return;
        }

        WorkflowTelemetry.CallLatency.Record(
            (incoming.Timestamp - scheduled.Timestamp).TotalMilliseconds,
            new("lwf.service", scheduled.Service),
            new("lwf.operation", scheduled.Operation),
            new("lwf.outcome", incoming.Type == HistoryEventType.CallCompleted ? "completed" : "failed"));
    }

    /// <summary>Counts a failure of <paramref name="kind"/>.</summary>
    public static void Failed(string kind)
    {
        if (WorkflowTelemetry.Failures.Enabled)
        {
            WorkflowTelemetry.Failures.Add(1, new KeyValuePair<string, object?>("lwf.failure.kind", kind));
        }
    }

    // Only tag our own span: Activity.Current may belong to the host when nobody listens to the orchestrator.
    private static Activity? TurnActivity() =>
        Activity.Current is { } current && ReferenceEquals(current.Source, WorkflowTelemetry.Source) ? current : null;
}
