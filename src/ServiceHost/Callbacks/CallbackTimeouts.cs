using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.ServiceHost.Idempotency;
using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.ServiceHost.Callbacks;

/// <summary>
/// The dispatcher's side of callbacks: issues tokens to handlers, schedules timeout checks of pending calls on the
/// service's own queue, and runs those checks when they come back, failing calls whose time is up.
/// </summary>
internal sealed class CallbackTimeouts(
    CallbackTokenCodec codec, CallbackOptions options, CallbackCloser closer, IdempotencyGuard guard, TimeProvider timeProvider, ILogger logger)
{
    public CallbackIssuer IssuerFor(CallRequest call) => new(codec, options, timeProvider, call);

    /// <summary>Schedules the first check of a call that went pending with <paramref name="record"/>.</summary>
    public Task ScheduleAsync(CallRequest call, IdempotencyRecord record, CancellationToken cancellationToken)
    {
        var deadline = record.CallbackDeadline ?? guard.Now();
        var due = record.HeartbeatDeadline is { } heartbeat && heartbeat < deadline ? heartbeat : deadline;
        var token = codec.Encode(new CallbackTokenPayload
        {
            InstanceId = call.InstanceId,
            CallId = call.CallId,
            Attempt = call.Attempt,
            Workflow = call.Workflow,
            Service = call.Service,
            Operation = call.Operation,
            ReplyTo = call.ReplyTo,
            IssuedAt = guard.Now().ToUnixTimeMilliseconds(),
            Deadline = deadline.ToUnixTimeMilliseconds(),
        });
        return SendCheckAsync(call.Service, token, call.CallId, due, cancellationToken);
    }

    /// <summary>Runs a timeout check that came back through the queue.</summary>
    public async Task<MessageOutcome> HandleCheckAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        CallbackTimeoutCheckDetail check;
        CallbackTokenPayload token;
        try
        {
            check = CallbackTimeoutCheck.Parse(message.Body.Span);
            token = codec.Decode(check.Token);
        }
        catch (Exception ex) when (ex is MessageFormatException or InvalidCallbackTokenException)
        {
            Log.InvalidTimeoutCheck(logger, message.MessageId, ex.Message);
            return MessageOutcome.DeadLetter(message.MessageId, "Not a valid callback timeout check: " + ex.Message);
        }

        var result = await closer.CloseAsync(token, null, cancellationToken).ConfigureAwait(false);
        if (result.Status is null)
        {
            // Not due yet: a heartbeat moved it, or the scheduler capped the delay. Look again when it is due.
            await SendCheckAsync(token.Service, check.Token, token.CallId, result.DueAt, cancellationToken).ConfigureAwait(false);
        }
        else if (result.Status == CallbackStatus.TimedOut)
        {
            Log.CallbackTimedOut(logger, token.Service, token.Operation, token.CallId);
        }

        return MessageOutcome.Completed(message.MessageId);
    }

    private async Task SendCheckAsync(string service, string token, string callId, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        if (options.TimeoutScheduler is not { } scheduler)
        {
            return;
        }

        var delay = dueAt - guard.Now();
        await scheduler.ScheduleAsync(service, CallbackTimeoutCheck.ToJson(token, callId), delay > TimeSpan.Zero ? delay : TimeSpan.Zero, cancellationToken)
            .ConfigureAwait(false);
    }
}
