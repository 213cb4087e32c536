namespace Approval;

/// <summary>How the sample runs: how many expenses, how fast time passes, and how the people behave.</summary>
public sealed record ApprovalOptions
{
    /// <summary>One virtual day per real second.</summary>
    public const double DefaultSpeed = 86_400;

    public int Requests { get; init; } = 100;

    public int Seed { get; init; } = 42;

    /// <summary>Virtual seconds per real second (default 86,400: a day per second, so the longest path of five days takes five seconds).</summary>
    public double Speed { get; init; } = DefaultSpeed;

    /// <summary>Share of approvers who answer within a day.</summary>
    public double QuickApproverShare { get; init; } = 0.5;

    /// <summary>Share of approvers who answer on day two, a day before the timeout; the rest never answer and are escalated.</summary>
    public double SlowApproverShare { get; init; } = 0.2;

    /// <summary>Share of managers who answer an escalation within its two days; the rest leave the expense to be rejected automatically.</summary>
    public double ManagerAnswerShare { get; init; } = 0.7;

    /// <summary>Share of answers that approve.</summary>
    public double ApproveShare { get; init; } = 0.8;

    /// <summary>
    /// Real time to wait for every expense to be decided; those still open then count as stuck. Null (the default)
    /// allows the five virtual days of the longest path at <see cref="Speed"/>, plus 30 s.
    /// </summary>
    public TimeSpan? Timeout { get; init; }

    public bool Json { get; init; }
}
