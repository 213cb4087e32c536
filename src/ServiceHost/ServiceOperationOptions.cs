namespace LambdaWorkflow.ServiceHost;

/// <summary>
/// Settings of one operation, keyed <c>{service}.{operation}</c> in <see cref="ServiceDispatcherOptions.Operations"/>,
/// typically bound from configuration (<c>Operations:inventory.reserve:Retry:MaxRetryAttempts</c>).
/// </summary>
public sealed class ServiceOperationOptions
{
    /// <summary>The operation's retry settings; they win over the retry given to <c>Map</c> and the default. Null keeps those.</summary>
    public ServiceRetryOptions? Retry { get; set; }

    /// <summary>The operation's idempotency lease; null for <see cref="Idempotency.IdempotencyOptions.Lease"/>.</summary>
    public TimeSpan? Lease { get; set; }
}
