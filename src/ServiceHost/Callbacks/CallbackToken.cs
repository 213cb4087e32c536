namespace LambdaWorkflow.ServiceHost.Callbacks;

/// <summary>
/// The signed token of a pending call, as a handler hands it to whoever completes the call later
/// (<see cref="CallbackClient.CompleteCallAsync(string, LambdaWorkflow.Contracts.JsonPayload, CancellationToken)"/>).
/// It carries the call and where to reply, signed so that it cannot be forged or altered; it is not encrypted.
/// </summary>
public sealed class CallbackToken
{
    internal CallbackToken(string value, string callId, DateTimeOffset deadline, TimeSpan? heartbeatTimeout)
    {
        Value = value;
        CallId = callId;
        Deadline = deadline;
        HeartbeatTimeout = heartbeatTimeout;
    }

    /// <summary>The token text (URL-safe, a few hundred characters).</summary>
    public string Value { get; }

    /// <summary>The call it completes.</summary>
    public string CallId { get; }

    /// <summary>When the call fails with <see cref="ServiceErrorTypes.CallbackTimedOut"/> unless completed.</summary>
    public DateTimeOffset Deadline { get; }

    /// <summary>Longest time between heartbeats before the call fails with <see cref="ServiceErrorTypes.CallbackHeartbeatTimedOut"/>; null for none.</summary>
    public TimeSpan? HeartbeatTimeout { get; }

    /// <summary>The token text.</summary>
    public override string ToString() => Value;
}
