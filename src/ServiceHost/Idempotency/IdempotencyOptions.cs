namespace LambdaWorkflow.ServiceHost.Idempotency;

/// <summary>How a service records the calls it has run, so that a side effect runs once per call id.</summary>
public sealed class IdempotencyOptions
{
    /// <summary>Where the records live; null turns idempotency off (every delivery runs the handler). Default null.</summary>
    public IIdempotencyStore? Store { get; set; }

    /// <summary>
    /// How long a delivery that runs a handler keeps other deliveries of the call away. A delivery that dies while
    /// running leaves its record in progress; the call runs again once the lease has passed, not before. Set it above
    /// the longest handler run, retries included (Lambda: the function timeout). Default 5 minutes.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long an answered call's reply is kept for duplicates. Cover the queues' retention and the orchestrator's
    /// republishing window. Default 7 days.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Throws when a setting is out of range.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Lease, TimeSpan.FromSeconds(1), nameof(Lease));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Lease, TimeSpan.FromDays(1), nameof(Lease));
        ArgumentOutOfRangeException.ThrowIfLessThan(Retention, TimeSpan.FromMinutes(1), nameof(Retention));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Retention, TimeSpan.FromDays(365), nameof(Retention));
    }
}
