using LambdaWorkflow.ServiceHost.Callbacks;

namespace LambdaWorkflow.ServiceHost;

/// <summary>What a handler knows about the call it serves.</summary>
public sealed record ServiceCallContext
{
    /// <summary>The call's id, <c>{instanceId}#{callNumber}</c>: the idempotency key, stable across redeliveries and retries.</summary>
    public required string CallId { get; init; }

    /// <summary>The calling workflow instance.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The calling workflow's name.</summary>
    public required string Workflow { get; init; }

    /// <summary>The service called.</summary>
    public required string Service { get; init; }

    /// <summary>The operation called.</summary>
    public required string Operation { get; init; }

    /// <summary>The orchestrator's dispatch attempt of the call, starting at 1.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The handler's execution attempt within this delivery, starting at 1; above 1 after a transient failure was retried.</summary>
    public int ExecutionAttempt { get; init; } = 1;

    /// <summary>When the orchestrator issued the call.</summary>
    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>W3C trace context of the calling workflow, if traced.</summary>
    public string? TraceParent { get; init; }

    /// <summary>Issues this call's callback tokens; null when the operation is not mapped as a callback operation.</summary>
    internal CallbackIssuer? Callbacks { get; init; }

    /// <summary>
    /// Creates the token that completes this call later (see <see cref="CallbackClient"/>); hand it to whoever finishes
    /// the work, then return <see cref="ServiceReply.Pending{TResponse}"/>. Tokens are signed, not encrypted.
    /// </summary>
    /// <param name="timeout">How long the call waits for its completion before failing with <see cref="ServiceErrorTypes.CallbackTimedOut"/>; null for <see cref="CallbackOptions.DefaultTimeout"/>.</param>
    /// <param name="heartbeatTimeout">Longest time between heartbeats before failing with <see cref="ServiceErrorTypes.CallbackHeartbeatTimedOut"/>; null for <see cref="CallbackOptions.DefaultHeartbeatTimeout"/>.</param>
    /// <exception cref="InvalidOperationException">The operation is not mapped with <c>MapCallback</c>.</exception>
    public CallbackToken CreateCallbackToken(TimeSpan? timeout = null, TimeSpan? heartbeatTimeout = null) =>
        (Callbacks ?? throw new InvalidOperationException(
            $"{Service}.{Operation} cannot answer later: map it with ServiceRegistry.MapCallback (which needs an idempotency store and a callback signing key)."))
        .Issue(timeout, heartbeatTimeout);
}
