using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>
/// Scheduled calls are the outbox: a call is in it from the turn that scheduled it until its result is in history.
/// A redelivered message republishes what is in it, because the crash may have come before the publish.
/// </summary>
internal static class Outbox
{
    public static CallRequest ToCommand(HistoryEvent scheduled, string instanceId, string workflow, string replyTo) => new()
    {
        CallId = CallIds.Create(instanceId, scheduled.CallNumber),
        InstanceId = instanceId,
        Workflow = workflow,
        Service = scheduled.Service!,
        Operation = scheduled.Operation!,
        Attempt = scheduled.Attempt,
        ReplyTo = replyTo,
        Payload = scheduled.Payload,
        RequestedAt = scheduled.Timestamp,
    };

    /// <summary>Timers of the history that have not fired.</summary>
    public static IReadOnlyList<TimerRequest> PendingTimers(InstanceSnapshot snapshot)
    {
        var fired = new HashSet<int>();
        foreach (var e in snapshot.History)
        {
            if (e.Type == HistoryEventType.TimerFired)
            {
                fired.Add(e.CallNumber);
            }
        }

        var timers = new List<TimerRequest>();
        foreach (var e in snapshot.History)
        {
            if (e.Type == HistoryEventType.TimerScheduled && !fired.Contains(e.CallNumber))
            {
                timers.Add(new TimerRequest(CallIds.Create(snapshot.Metadata.InstanceId, e.CallNumber), e.Payload.Deserialize(PayloadJson.TypeInfo<DateTimeOffset>())));
            }
        }

        return timers;
    }

    /// <summary>Commands for every scheduled call whose result is not in the history.</summary>
    public static IReadOnlyList<CallRequest> Pending(InstanceSnapshot snapshot, string replyTo)
    {
        var (history, instanceId, workflow) = (snapshot.History, snapshot.Metadata.InstanceId, snapshot.Metadata.Workflow);
        var answered = new HashSet<int>();
        foreach (var e in history)
        {
            if (e.Type is HistoryEventType.CallCompleted or HistoryEventType.CallFailed)
            {
                answered.Add(e.CallNumber);
            }
        }

        var commands = new List<CallRequest>();
        foreach (var e in history)
        {
            if (e.Type == HistoryEventType.CallScheduled && !answered.Contains(e.CallNumber))
            {
                commands.Add(ToCommand(e, instanceId, workflow, replyTo));
            }
        }

        return commands;
    }
}
