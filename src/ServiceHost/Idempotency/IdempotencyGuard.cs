using LambdaWorkflow.ServiceHost.Callbacks;

namespace LambdaWorkflow.ServiceHost.Idempotency;

/// <summary>
/// The idempotency protocol over a store: claim a call with a leased in-progress record (a conditional create,
/// one write on the happy path), then record its reply or its pending callback conditionally on the version
/// claimed, so that whoever loses a race learns the winner's answer instead of overwriting it.
/// </summary>
internal sealed class IdempotencyGuard(IIdempotencyStore store, TimeProvider timeProvider, TimeSpan retention)
{
    // Claims that keep losing races (a record changing under every read) give up and come back later.
    private const int MaxContentionRounds = 5;

    public IIdempotencyStore Store => store;

    public TimeSpan Retention => retention;

    /// <summary>Now, truncated to the stores' millisecond precision so written and read records compare equal.</summary>
    public DateTimeOffset Now() => Truncate(timeProvider.GetUtcNow());

    public static DateTimeOffset Truncate(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>Claims the call for this delivery, or says why not.</summary>
    public async Task<IdempotencyClaim> BeginAsync(string key, TimeSpan lease, CancellationToken cancellationToken)
    {
        var fresh = InProgress(key, 1, Now(), lease);
        if (await store.TryCreateAsync(fresh, cancellationToken).ConfigureAwait(false))
        {
            return new IdempotencyClaim(ClaimKind.Acquired, fresh);
        }

        for (var round = 0; round < MaxContentionRounds; round++)
        {
            var existing = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
            var now = Now();
            if (existing == fresh)
            {
                // Our own write: a store that retried a request whose first attempt had succeeded reports a failed condition.
                return new IdempotencyClaim(ClaimKind.Acquired, fresh);
            }

            if (existing is null)
            {
                fresh = InProgress(key, 1, now, lease);
                if (await store.TryCreateAsync(fresh, cancellationToken).ConfigureAwait(false))
                {
                    return new IdempotencyClaim(ClaimKind.Acquired, fresh);
                }

                continue;
            }

            var expired = existing.ExpiresAt <= now;
            var leaseOver = existing.Status == IdempotencyStatus.InProgress && existing.LeaseExpiresAt <= now;
            if (expired || leaseOver)
            {
                // A delivery died holding the lease (or the record outlived its retention): take the call over.
                fresh = InProgress(key, existing.Version + 1, now, lease);
                if (await store.TryReplaceAsync(fresh, existing.Version, cancellationToken).ConfigureAwait(false))
                {
                    return new IdempotencyClaim(ClaimKind.Acquired, fresh, TookOver: leaseOver && !expired);
                }

                continue;
            }

            return existing.Status switch
            {
                IdempotencyStatus.Completed => new IdempotencyClaim(ClaimKind.Completed, existing),
                IdempotencyStatus.AwaitingCallback => new IdempotencyClaim(ClaimKind.AwaitingCallback, existing),
                _ => new IdempotencyClaim(ClaimKind.Busy, existing),
            };
        }

        return new IdempotencyClaim(ClaimKind.Busy, null);
    }

    /// <summary>Records the reply of a claimed call.</summary>
    /// <returns>The completed record now stored (this one, or the answer that won a race); null when the lease was lost to a delivery still running.</returns>
    public async Task<IdempotencyRecord?> CompleteAsync(IdempotencyRecord held, string replyJson, CancellationToken cancellationToken)
    {
        var completed = held with
        {
            Status = IdempotencyStatus.Completed,
            Version = held.Version + 1,
            Owner = null,
            LeaseExpiresAt = null,
            CallbackDeadline = null,
            HeartbeatDeadline = null,
            Reply = replyJson,
            ExpiresAt = Now() + retention,
        };
        return await store.TryReplaceAsync(completed, held.Version, cancellationToken).ConfigureAwait(false)
            ? completed
            : await CurrentAnswerAsync(held.Key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records that a claimed call waits for its callback.</summary>
    /// <returns>The record now stored: the awaiting one, or a completed one when the callback won the race; null when the lease was lost.</returns>
    public async Task<IdempotencyRecord?> AwaitCallbackAsync(IdempotencyRecord held, CallbackToken token, CancellationToken cancellationToken)
    {
        var now = Now();
        var heartbeat = token.HeartbeatTimeout is { } interval ? now + interval : (DateTimeOffset?)null;
        var latest = heartbeat is { } h && h > token.Deadline ? h : token.Deadline;
        var awaiting = held with
        {
            Status = IdempotencyStatus.AwaitingCallback,
            Version = held.Version + 1,
            Owner = null,
            LeaseExpiresAt = null,
            CallbackDeadline = Truncate(token.Deadline),
            HeartbeatDeadline = heartbeat,
            ExpiresAt = latest + retention,
        };
        if (await store.TryReplaceAsync(awaiting, held.Version, cancellationToken).ConfigureAwait(false))
        {
            return awaiting;
        }

        var current = await store.GetAsync(held.Key, cancellationToken).ConfigureAwait(false);
        return current == awaiting || current is { Status: IdempotencyStatus.Completed } ? current : null;
    }

    /// <summary>Gives a claimed call back, so a redelivery runs it at once instead of waiting for the lease.</summary>
    public Task<bool> ReleaseAsync(IdempotencyRecord held) => store.TryDeleteAsync(held.Key, held.Version, CancellationToken.None);

    private async Task<IdempotencyRecord?> CurrentAnswerAsync(string key, CancellationToken cancellationToken)
    {
        var current = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        return current is { Status: IdempotencyStatus.Completed } ? current : null;
    }

    private IdempotencyRecord InProgress(string key, long version, DateTimeOffset now, TimeSpan lease) => new()
    {
        Key = key,
        Status = IdempotencyStatus.InProgress,
        Version = version,
        Owner = NewOwner(),
        LeaseExpiresAt = now + lease,
        ExpiresAt = now + lease + retention,
    };

    // A claim's owner must differ from every other claim's: the guard takes a stored record equal to the one it wrote
    // as its own. A random GUID per claim, not a per-process counter, so that processes restored from one snapshot
    // (Lambda SnapStart) cannot hand out the same owner twice.
    private static string NewOwner() => Guid.NewGuid().ToString("N");
}
