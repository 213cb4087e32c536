namespace LambdaWorkflow.ServiceHost.Idempotency;

/// <summary>What a delivery found when it tried to claim its call.</summary>
internal enum ClaimKind
{
    /// <summary>This delivery holds the lease (or idempotency is off): run the handler.</summary>
    Acquired,

    /// <summary>The call was answered before: re-send the recorded reply.</summary>
    Completed,

    /// <summary>The call waits for its callback: nothing to run, nothing to reply.</summary>
    AwaitingCallback,

    /// <summary>Another delivery runs the handler under a valid lease: come back later.</summary>
    Busy,
}

/// <summary>The outcome of claiming a call, with the record it is based on (null when idempotency is off or a race was lost).</summary>
internal readonly record struct IdempotencyClaim(ClaimKind Kind, IdempotencyRecord? Record, bool TookOver = false)
{
    public static IdempotencyClaim Unguarded { get; } = new(ClaimKind.Acquired, null);
}
