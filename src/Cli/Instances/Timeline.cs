using System.Globalization;
using System.Text.Json;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Cli.Instances;

/// <summary>Turns a history into a timeline: each event with its offset from the start, and results matched to their calls for durations.</summary>
internal static class Timeline
{
    public static IReadOnlyList<TimelineEntry> From(IReadOnlyList<HistoryEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var entries = new List<TimelineEntry>(history.Count);
        if (history.Count == 0)
        {
            return entries;
        }

        var start = history[0].Timestamp;
        var scheduled = new Dictionary<int, HistoryEvent>();
        foreach (var e in history)
        {
            double? duration = null;
            DateTimeOffset? due = null;
            string summary;
            switch (e.Type)
            {
                case HistoryEventType.WorkflowStarted:
                    summary = e.Attempt > 0 ? $"started run {e.Attempt} (continued as new)" : "started";
                    break;
                case HistoryEventType.EarlierRunEvents:
                    summary = "events consumed by the earlier run: " + Payloads.Preview(Payloads.ToElement(e.Payload));
                    break;
                case HistoryEventType.CallScheduled:
                    scheduled[e.CallNumber] = e;
                    summary = $"#{e.CallNumber} {e.Service}.{e.Operation}" + (e.Attempt > 1 ? $" (attempt {e.Attempt})" : string.Empty);
                    break;
                case HistoryEventType.TimerScheduled:
                    scheduled[e.CallNumber] = e;
                    due = DueTime(e);
                    summary = due is { } at ? $"timer #{e.CallNumber} due {at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}" : $"timer #{e.CallNumber}";
                    break;
                case HistoryEventType.CallCompleted or HistoryEventType.CallFailed or HistoryEventType.TimerFired:
                    var call = scheduled.GetValueOrDefault(e.CallNumber);
                    duration = call is null ? null : Milliseconds(e.Timestamp - call.Timestamp);
                    summary = e.Type == HistoryEventType.TimerFired
                        ? $"timer #{e.CallNumber} fired"
                        : $"#{e.CallNumber} {call?.Service}.{call?.Operation}" + (e.Type == HistoryEventType.CallFailed ? " failed" : string.Empty);
                    break;
                case HistoryEventType.EventReceived:
                    summary = $"event {e.Name}" + (e.Key is null ? string.Empty : $" ({e.Key})");
                    break;
                case HistoryEventType.CancelRequested:
                    summary = "cancel requested";
                    break;
                case HistoryEventType.VersionMarker:
                    summary = $"version {e.Name} = {Payloads.Preview(Payloads.ToElement(e.Payload))}";
                    break;
                default:
                    duration = Milliseconds(e.Timestamp - start);
                    summary = e.Type switch
                    {
                        HistoryEventType.WorkflowCompleted => "completed",
                        HistoryEventType.WorkflowFailed => "failed",
                        HistoryEventType.WorkflowCancelled => "cancelled",
                        _ => e.Type.ToString(),
                    };
                    break;
            }

            var isCall = e.CallNumber >= 0;
            var service = e.Service ?? (isCall ? scheduled.GetValueOrDefault(e.CallNumber)?.Service : null);
            var operation = e.Operation ?? (isCall ? scheduled.GetValueOrDefault(e.CallNumber)?.Operation : null);
            entries.Add(new TimelineEntry(
                e.Sequence,
                e.Type.ToString(),
                e.Timestamp,
                Milliseconds(e.Timestamp - start),
                summary,
                isCall ? e.CallNumber : null,
                service,
                operation,
                e.Attempt > 0 ? e.Attempt : null,
                e.Name,
                duration,
                due,
                e.Type == HistoryEventType.TimerScheduled ? null : Payloads.ToElement(e.Payload),
                ErrorView.From(e.Failure)));
        }

        return entries;
    }

    private static double Milliseconds(TimeSpan span) => Math.Round(span.TotalMilliseconds, 3);

    private static DateTimeOffset? DueTime(HistoryEvent timer)
    {
        try
        {
            return Payloads.ToElement(timer.Payload) is { ValueKind: JsonValueKind.String } value && value.TryGetDateTimeOffset(out var due) ? due : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
