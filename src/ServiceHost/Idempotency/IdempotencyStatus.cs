namespace LambdaWorkflow.ServiceHost.Idempotency;

/// <summary>Where a call stands in the idempotency store.</summary>
public enum IdempotencyStatus
{
    /// <summary>A delivery runs the handler and holds a lease until <see cref="IdempotencyRecord.LeaseExpiresAt"/>.</summary>
    InProgress = 1,

    /// <summary>The handler answered "pending": the call completes later through its callback token.</summary>
    AwaitingCallback = 2,

    /// <summary>The call is answered; <see cref="IdempotencyRecord.Reply"/> holds the reply re-sent to duplicates.</summary>
    Completed = 3,
}
