namespace LambdaWorkflow.TestSupport.Services;

/// <summary>How many calls the exactly-once harness sends, and which faults it injects (each at most once per call).</summary>
public sealed record ExactlyOnceScenario
{
    /// <summary>Distinct calls (call ids).</summary>
    public int Calls { get; init; } = 1_000;

    /// <summary>Share of calls sent twice: half of the copies at once (concurrent deliveries), half after the first pass (late duplicates).</summary>
    public double DuplicateRate { get; init; } = 0.3;

    /// <summary>Share of calls whose first handler run dies before the side effect (the lease must expire before a retry).</summary>
    public double CrashBeforeEffectRate { get; init; } = 0.05;

    /// <summary>Share of calls whose delivery dies after the side effect and its answer are recorded, before the reply is sent.</summary>
    public double CrashBeforeReplyRate { get; init; } = 0.15;

    /// <summary>Share of calls whose first reply send throws (the message is retried).</summary>
    public double ReplyFailureRate { get; init; } = 0.05;

    /// <summary>Seeds the choice of calls.</summary>
    public int Seed { get; init; } = 20_261_125;

    /// <summary>The idempotency lease.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The queue's visibility timeout: how long a dead delivery's message stays hidden.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
