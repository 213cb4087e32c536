namespace LambdaWorkflow.Local.Hosting;

/// <summary>What the embedded runtime has done so far.</summary>
public sealed class RuntimeCounters
{
    private long _stepsApplied;
    private long _inboxMessages;
    private long _serviceMessages;
    private long _redeliveries;
    private long _deadLettered;

    /// <summary>Call results applied to their workflows (a step: one call dispatched, handled and applied).</summary>
    public long StepsApplied => Interlocked.Read(ref _stepsApplied);

    /// <summary>Inbox messages processed to completion.</summary>
    public long InboxMessages => Interlocked.Read(ref _inboxMessages);

    /// <summary>Service commands processed to completion.</summary>
    public long ServiceMessages => Interlocked.Read(ref _serviceMessages);

    /// <summary>Messages left for redelivery after a transient failure.</summary>
    public long Redeliveries => Interlocked.Read(ref _redeliveries);

    /// <summary>Messages moved to a dead-letter queue.</summary>
    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    internal void StepApplied() => Interlocked.Increment(ref _stepsApplied);

    internal void InboxCompleted() => Interlocked.Increment(ref _inboxMessages);

    internal void ServiceCompleted() => Interlocked.Increment(ref _serviceMessages);

    internal void Redelivered() => Interlocked.Increment(ref _redeliveries);

    internal void DeadLetteredOne() => Interlocked.Increment(ref _deadLettered);
}
