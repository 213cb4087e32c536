namespace LambdaWorkflow.Orchestrator;

/// <summary>How the orchestrator treats one call: durable retries and a timeout, both recorded in history.</summary>
public sealed record CallOptions
{
    /// <summary>Retries after a failed reply or a timeout; null tries once. These come on top of the service host's own retries.</summary>
    public CallRetryPolicy? Retry { get; init; }

    /// <summary>How long one attempt may take before it fails with <see cref="CallTimeoutException"/>; null waits for ever.</summary>
    public TimeSpan? Timeout { get; init; }
}
