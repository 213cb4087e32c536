using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.ServiceHost.Idempotency;

namespace LambdaWorkflow.ServiceHost.Callbacks;

/// <summary>
/// Closes pending calls in the idempotency store, whoever asks: a completion from outside, a heartbeat, or a
/// timeout check. Closing is a conditional replace of the record by a completed one holding the reply, then the
/// reply is sent; the first closer wins and later ones get <see cref="CallbackStatus.AlreadyCompleted"/>. A timeout
/// that has passed wins over a late completion, whenever the timeout check itself runs.
/// </summary>
internal sealed class CallbackCloser(IdempotencyGuard guard, IReplySender replies)
{
    private const int MaxRounds = 8;

    /// <summary>Answers the call with <paramref name="answer"/>, or with its timeout failure if that has passed.</summary>
    /// <param name="token">The verified token.</param>
    /// <param name="answer">The answer; null only closes the call if it has timed out.</param>
    /// <param name="cancellationToken">Cancels the store and the send.</param>
    public async Task<CloseResult> CloseAsync(CallbackTokenPayload token, InboxMessage? answer, CancellationToken cancellationToken)
    {
        var key = IdempotencyKeys.For(token.Service, token.CallId);
        for (var round = 0; round < MaxRounds; round++)
        {
            var record = await guard.Store.GetAsync(key, cancellationToken).ConfigureAwait(false);
            var now = guard.Now();
            if (record is null || record.ExpiresAt <= now)
            {
                return new CloseResult(CallbackStatus.NotFound, now);
            }

            if (record.Status == IdempotencyStatus.Completed)
            {
                // Sent again: the closer that recorded it may have died before sending.
                await SendRecordedAsync(token.ReplyTo, record, cancellationToken).ConfigureAwait(false);
                return new CloseResult(CallbackStatus.AlreadyCompleted, now);
            }

            var timeout = TimeoutOf(record, token, now);
            if (timeout is null && answer is null)
            {
                return new CloseResult(null, DueAt(record, token));
            }

            var reply = timeout is null ? answer! : Failed(token, timeout);
            var closed = record with
            {
                Status = IdempotencyStatus.Completed,
                Version = record.Version + 1,
                Owner = null,
                LeaseExpiresAt = null,
                CallbackDeadline = null,
                HeartbeatDeadline = null,
                Reply = InboxMessageReader.ToJson(reply),
                ExpiresAt = now + guard.Retention,
            };
            if (await guard.Store.TryReplaceAsync(closed, record.Version, cancellationToken).ConfigureAwait(false))
            {
                await replies.SendAsync(token.ReplyTo, reply, cancellationToken).ConfigureAwait(false);
                return new CloseResult(timeout is null ? CallbackStatus.Accepted : CallbackStatus.TimedOut, now);
            }
        }

        throw new InvalidOperationException($"The idempotency record of call {token.CallId} kept changing during {MaxRounds} attempts to close it; try again.");
    }

    /// <summary>Restarts the call's heartbeat clock, unless it has timed out already.</summary>
    public async Task<CallbackStatus> HeartbeatAsync(CallbackTokenPayload token, CancellationToken cancellationToken)
    {
        var key = IdempotencyKeys.For(token.Service, token.CallId);
        for (var round = 0; round < MaxRounds; round++)
        {
            var record = await guard.Store.GetAsync(key, cancellationToken).ConfigureAwait(false);
            var now = guard.Now();
            if (record is null || record.ExpiresAt <= now)
            {
                return CallbackStatus.NotFound;
            }

            if (record.Status == IdempotencyStatus.Completed)
            {
                return CallbackStatus.AlreadyCompleted;
            }

            if (TimeoutOf(record, token, now) is not null)
            {
                return (await CloseAsync(token, null, cancellationToken).ConfigureAwait(false)).Status ?? CallbackStatus.TimedOut;
            }

            // In progress: the handler still runs, and its pending record starts the heartbeat clock.
            if (record.Status == IdempotencyStatus.InProgress || token.HeartbeatTimeout is not { } interval)
            {
                return CallbackStatus.Accepted;
            }

            var heartbeat = now + interval;
            var beaten = record with
            {
                Version = record.Version + 1,
                HeartbeatDeadline = heartbeat,
                ExpiresAt = heartbeat + guard.Retention > record.ExpiresAt ? heartbeat + guard.Retention : record.ExpiresAt,
            };
            if (await guard.Store.TryReplaceAsync(beaten, record.Version, cancellationToken).ConfigureAwait(false))
            {
                return CallbackStatus.Accepted;
            }
        }

        throw new InvalidOperationException($"The idempotency record of call {token.CallId} kept changing during {MaxRounds} heartbeat attempts; try again.");
    }

    public static CallCompleted Completed(CallbackTokenPayload token, JsonPayload result) =>
        new() { InstanceId = token.InstanceId, CallId = token.CallId, Attempt = token.Attempt, Result = result };

    public static CallFailed Failed(CallbackTokenPayload token, FailureDetails error) =>
        new() { InstanceId = token.InstanceId, CallId = token.CallId, Attempt = token.Attempt, Error = error };

    private async Task SendRecordedAsync(string replyTo, IdempotencyRecord record, CancellationToken cancellationToken)
    {
        if (record.Reply is { Length: > 0 } json)
        {
            await replies.SendAsync(replyTo, InboxMessageReader.Parse(json), cancellationToken).ConfigureAwait(false);
        }
    }

    private static FailureDetails? TimeoutOf(IdempotencyRecord record, CallbackTokenPayload token, DateTimeOffset now)
    {
        var deadline = record.CallbackDeadline ?? token.DeadlineTime;
        if (now >= deadline)
        {
            return new FailureDetails(
                ServiceErrorTypes.CallbackTimedOut,
                $"Call {token.CallId} to {token.Service}.{token.Operation} was not completed through its callback by {deadline:O}.");
        }

        return record.HeartbeatDeadline is { } heartbeat && now >= heartbeat
            ? new FailureDetails(
                ServiceErrorTypes.CallbackHeartbeatTimedOut,
                $"Call {token.CallId} to {token.Service}.{token.Operation} sent no heartbeat within {token.HeartbeatTimeout} (due {heartbeat:O}).")
            : null;
    }

    private static DateTimeOffset DueAt(IdempotencyRecord record, CallbackTokenPayload token)
    {
        var deadline = record.CallbackDeadline ?? token.DeadlineTime;
        var due = record.HeartbeatDeadline is { } heartbeat && heartbeat < deadline ? heartbeat : deadline;

        // Still in progress (a handler runs it again after a lease expired): look again when its lease ends.
        return record.Status == IdempotencyStatus.InProgress && record.LeaseExpiresAt is { } lease && lease < due ? lease : due;
    }
}

/// <summary>What closing did: its status, or null when the call is not due yet, with when it is due.</summary>
internal readonly record struct CloseResult(CallbackStatus? Status, DateTimeOffset DueAt);
