namespace BatchFanOut;

/// <summary>What a run of the sample did; printed as a table and, with <c>--json</c>, as one JSON line.</summary>
public sealed record BatchSummary
{
    public required int Items { get; init; }

    /// <summary>Child workflows that ended completed, read from their own status.</summary>
    public required int ChildrenCompleted { get; init; }

    /// <summary>Child workflows that ended failed.</summary>
    public required int ChildrenFailed { get; init; }

    /// <summary>Children neither completed nor failed (still running, cancelled, or never started).</summary>
    public required int ChildrenUnaccounted { get; init; }

    /// <summary>The parent's status: <c>Completed</c> when the batch ran to the end.</summary>
    public required string ParentStatus { get; init; }

    /// <summary>Items the parent counted as succeeded.</summary>
    public required int Succeeded { get; init; }

    /// <summary>Items the parent counted as failed.</summary>
    public required int Failed { get; init; }

    /// <summary>The sum the parent collected from its children, in cents.</summary>
    public required long TotalCents { get; init; }

    /// <summary>
    /// True when the parent's failed items are exactly those the seed fails, and its total is the sum of every other
    /// item's amount.
    /// </summary>
    public required bool MatchesPlan { get; init; }

    public required long Steps { get; init; }

    public required double StepsPerSecond { get; init; }

    /// <summary>Ledger executions that retried a transient failure.</summary>
    public required long ServiceRetries { get; init; }

    public required double WallSeconds { get; init; }

    public required int Seed { get; init; }
}
