namespace LambdaWorkflow.ServiceHost.Callbacks;

/// <summary>
/// Settings of asynchronous calls: operations whose handler answers "pending" and whose call is completed later,
/// from anywhere, with a signed callback token.
/// </summary>
public sealed class CallbackOptions
{
    /// <summary>Longest timeout a token may carry: the record must outlive it. 365 days.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(365);

    /// <summary>
    /// The HMAC-SHA256 key that signs tokens, base64-encoded, at least 32 bytes. Every process that issues or
    /// completes tokens of a service needs it; keep it in a secret store. Null disables callbacks.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>Keys that still verify tokens (but sign none), base64-encoded: keep the old key here for one timeout after a rotation.</summary>
    public IList<string> PreviousSigningKeys { get; } = [];

    /// <summary>How long a pending call waits for its completion when the handler sets no timeout. Default 1 day.</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Longest time between heartbeats when the handler sets none; null for no heartbeat. Default null.</summary>
    public TimeSpan? DefaultHeartbeatTimeout { get; set; }

    /// <summary>
    /// Runs the timeout checks: without one, a timeout is still enforced, but only when a completion or heartbeat
    /// comes too late, never on its own. The embedded runtime and the SQS worker set it. Default null.
    /// </summary>
    public ICallbackTimeoutScheduler? TimeoutScheduler { get; set; }

    /// <summary>True when a signing key is set.</summary>
    internal bool IsEnabled => !string.IsNullOrEmpty(SigningKey);

    /// <summary>Throws when a setting is out of range.</summary>
    internal void Validate()
    {
        ValidateTimeout(DefaultTimeout, nameof(DefaultTimeout));
        if (DefaultHeartbeatTimeout is { } heartbeat)
        {
            ValidateTimeout(heartbeat, nameof(DefaultHeartbeatTimeout));
        }

        if (IsEnabled)
        {
            _ = CallbackTokenCodec.Create(this);
        }
    }

    internal static void ValidateTimeout(TimeSpan timeout, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.FromSeconds(1), name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(timeout, MaxTimeout, name);
    }
}
