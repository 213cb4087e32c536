namespace Approval;

/// <summary>What a run of the sample did; printed as a table and, with <c>--json</c>, as one JSON line.</summary>
public sealed record ApprovalSummary
{
    public required int Requests { get; init; }

    /// <summary>Approved by the approver or, after escalation, the manager.</summary>
    public required int Approved { get; init; }

    /// <summary>Rejected by a person (automatic rejections are <see cref="TimedOutCompletely"/>).</summary>
    public required int Rejected { get; init; }

    /// <summary>The approver did not answer within three days.</summary>
    public required int Escalated { get; init; }

    public required int ApprovedAfterEscalation { get; init; }

    /// <summary>Nobody answered within five days: rejected automatically.</summary>
    public required int TimedOutCompletely { get; init; }

    /// <summary>Still running when the run gave up waiting.</summary>
    public required int Stuck { get; init; }

    /// <summary>Ended failed, faulted or cancelled.</summary>
    public required int Failed { get; init; }

    /// <summary>Verdicts the expense system booked: one per decided expense.</summary>
    public required int DecisionsRecorded { get; init; }

    /// <summary>Median virtual hours from request to a person's decision (automatic rejections left out).</summary>
    public required double MedianDecisionHours { get; init; }

    /// <summary>Virtual days that passed during the run.</summary>
    public required double VirtualDays { get; init; }

    public required double Speed { get; init; }

    public required long Steps { get; init; }

    public required double WallSeconds { get; init; }

    public required int Seed { get; init; }

    /// <summary>SHA-256 over every expense's verdict, escalation and decider: equal digests mean equal outcomes.</summary>
    public required string OutcomeDigest { get; init; }
}
