namespace BatchFanOut;

/// <summary>How the sample runs: how many items, how they are collected, and how the ledger fails.</summary>
public sealed record BatchOptions
{
    /// <summary>One child workflow per item (default 1,000).</summary>
    public int Items { get; init; } = 1_000;

    /// <summary>Children the parent collects per <c>Task.WhenAll</c> before it publishes its progress (default 100).</summary>
    public int ChunkSize { get; init; } = 100;

    public int Seed { get; init; } = 42;

    /// <summary>Share of ledger executions that time out (transient; the service host retries them).</summary>
    public double TransientFailureRate { get; init; } = 0.05;

    /// <summary>Share of items the ledger refuses (permanent; the child fails).</summary>
    public double PermanentFailureRate { get; init; } = 0.005;

    /// <summary>Slowest a ledger post answers, in milliseconds (the fastest answers at once).</summary>
    public int MaxLatencyMs { get; init; } = 2;

    /// <summary>Give up waiting for the batch after this long.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    public bool Json { get; init; }
}
