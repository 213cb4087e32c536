namespace LambdaWorkflow.ServiceHost.Idempotency;

/// <summary>What the idempotency store knows about one call.</summary>
public sealed record IdempotencyRecord
{
    /// <summary>The record's key: <c>{service}/{callId}</c>.</summary>
    public required string Key { get; init; }

    /// <summary>Where the call stands.</summary>
    public required IdempotencyStatus Status { get; init; }

    /// <summary>Raised by every write; conditional writes compare it. Starts at 1.</summary>
    public long Version { get; init; } = 1;

    /// <summary><see cref="IdempotencyStatus.InProgress"/>: an id of the delivery that holds the lease.</summary>
    public string? Owner { get; init; }

    /// <summary><see cref="IdempotencyStatus.InProgress"/>: when the lease ends and another delivery may run the handler again.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }

    /// <summary><see cref="IdempotencyStatus.Completed"/>: the reply sent (a <c>CallCompleted</c> or <c>CallFailed</c> inbox message as JSON).</summary>
    public string? Reply { get; init; }

    /// <summary><see cref="IdempotencyStatus.AwaitingCallback"/>: when the call fails with <c>CallbackTimedOut</c> unless completed.</summary>
    public DateTimeOffset? CallbackDeadline { get; init; }

    /// <summary><see cref="IdempotencyStatus.AwaitingCallback"/>: when the call fails with <c>CallbackHeartbeatTimedOut</c> unless a heartbeat or completion comes first.</summary>
    public DateTimeOffset? HeartbeatDeadline { get; init; }

    /// <summary>When the record may be deleted (the TTL); readers treat it as gone from then on.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}
