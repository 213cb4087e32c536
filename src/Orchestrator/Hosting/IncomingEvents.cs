using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Orchestrator.Engine;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator.Hosting;

/// <summary>Turns an inbox message into the history event it adds, or null when the history already has it.</summary>
internal static class IncomingEvents
{
    /// <remarks>
    /// A call result larger than <paramref name="maxPayloadBytes"/> is recorded as the call's failure, so the workflow
    /// learns of it instead of waiting forever; an event's payload that large is rejected (the sender can resend).
    /// </remarks>
    /// <exception cref="RejectedMessageException">The message names a call or timer the instance never issued, or an event's payload is too large.</exception>
    public static HistoryEvent? From(InboxMessage message, WorkflowExecution execution, int sequence, DateTimeOffset sentAt, int maxPayloadBytes)
    {
        switch (message)
        {
            case CallCompleted or CallFailed:
            {
                var (callId, attempt) = message is CallCompleted c ? (c.CallId, c.Attempt) : (((CallFailed)message).CallId, ((CallFailed)message).Attempt);
                var number = Numbered(message, callId, execution, HistoryEventType.CallScheduled, "call", HistoryEventType.ChildWorkflowScheduled);
                if (execution.HasResult(number))
                {
                    return null;
                }

                if (message is CallFailed failed)
                {
                    return new HistoryEvent { Sequence = sequence, Type = HistoryEventType.CallFailed, Timestamp = sentAt, CallNumber = number, Attempt = attempt, Failure = failed.Error };
                }

                var result = ((CallCompleted)message).Result;
                return result.Length <= maxPayloadBytes
                    ? new HistoryEvent { Sequence = sequence, Type = HistoryEventType.CallCompleted, Timestamp = sentAt, CallNumber = number, Attempt = attempt, Payload = result }
                    : new HistoryEvent { Sequence = sequence, Type = HistoryEventType.CallFailed, Timestamp = sentAt, CallNumber = number, Attempt = attempt, Failure = TooLarge($"The result of call '{callId}'", result.Length, maxPayloadBytes) };
            }

            case TimerFired timer:
            {
                var number = Numbered(message, timer.TimerId, execution, HistoryEventType.TimerScheduled, "timer");
                return execution.HasResult(number)
                    ? null
                    : new HistoryEvent { Sequence = sequence, Type = HistoryEventType.TimerFired, Timestamp = sentAt, CallNumber = number };
            }

            case EventRaised raised:
                if (execution.HasEvent(raised.EventId))
                {
                    return null;
                }

                if (raised.Payload.Length > maxPayloadBytes)
                {
                    throw new RejectedMessageException(TooLarge($"The payload of event '{raised.EventName}' ({raised.EventId}) for instance '{raised.InstanceId}'", raised.Payload.Length, maxPayloadBytes).Message);
                }

                return new HistoryEvent { Sequence = sequence, Type = HistoryEventType.EventReceived, Timestamp = sentAt, Name = raised.EventName, Key = raised.EventId, Payload = raised.Payload };

            case CancelRequested cancel:
                return execution.CancellationRequested
                    ? null
                    : new HistoryEvent { Sequence = sequence, Type = HistoryEventType.CancelRequested, Timestamp = sentAt, Payload = cancel.Reason is null ? JsonPayload.Null : JsonPayload.From(cancel.Reason, PayloadJson.TypeInfo<string>()) };

            default:
                throw new RejectedMessageException($"{message.Type} messages cannot be applied to a running instance.");
        }
    }

    /// <summary>The failure recorded (or the reason given) for a payload over the limit.</summary>
    public static FailureDetails TooLarge(string what, int size, int limit) =>
        new(nameof(PayloadTooLargeException), new PayloadTooLargeException(what, size, limit).Message);

    /// <summary>
    /// True for a result of a call or timer that an earlier run issued: that run continued as new and nobody waits
    /// for it any more. It is dropped, not dead-lettered: it is the normal fate of an abandoned call.
    /// </summary>
    public static bool IsForEarlierRun(InboxMessage message, WorkflowExecution execution)
    {
        var id = message switch
        {
            CallCompleted completed => completed.CallId,
            CallFailed failed => failed.CallId,
            TimerFired timer => timer.TimerId,
            _ => null,
        };
        return id is not null && CallIds.TryParse(id, message.InstanceId, out var run, out _) && run < execution.Run;
    }

    private static int Numbered(InboxMessage message, string id, WorkflowExecution execution, HistoryEventType expected, string what, HistoryEventType? alsoExpected = null)
    {
        CallIds.TryParse(id, message.InstanceId, out var run, out var number);
        var scheduledAs = run == execution.Run ? execution.ScheduledAs(number) : null;
        if (scheduledAs != expected && (alsoExpected is null || scheduledAs != alsoExpected))
        {
            throw new RejectedMessageException($"{message.Type} for '{id}': instance '{message.InstanceId}' never issued {what} #{number} in run {run} (it is in run {execution.Run}).");
        }

        return number;
    }
}
