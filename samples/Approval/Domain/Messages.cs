namespace Approval.Domain;

/// <summary>An expense that needs approval: the approver decides, the manager steps in when the approver does not.</summary>
public sealed record ExpenseRequest(string ExpenseId, string Employee, decimal Amount, string Approver, string Manager);

/// <summary>The payload of the <c>approval</c> event: who decided, and how.</summary>
public sealed record ApprovalDecision(bool Approved, string DecidedBy, string? Comment);

/// <summary>How an expense request ended.</summary>
public sealed record ExpenseOutcome(string ExpenseId, ExpenseVerdict Verdict, bool Escalated, string DecidedBy, double DecisionHours);

/// <summary>The verdict on an expense.</summary>
public enum ExpenseVerdict
{
    /// <summary>Approved by the approver or, after escalation, the manager.</summary>
    Approved,

    /// <summary>Rejected by the approver or the manager.</summary>
    Rejected,

    /// <summary>Nobody answered, not even after escalation: rejected automatically.</summary>
    AutoRejected,
}

/// <summary>Asks the approver to decide by <paramref name="DueBy"/>.</summary>
public sealed record ApprovalNotice(string ExpenseId, string Approver, decimal Amount, DateTimeOffset DueBy);

/// <summary>Hands the decision to the manager: the approver did not answer in time.</summary>
public sealed record Escalation(string ExpenseId, string Manager, string SilentApprover, DateTimeOffset DueBy);

/// <summary>Books the verdict in the expense system.</summary>
public sealed record RecordDecision(string ExpenseId, ExpenseVerdict Verdict, string DecidedBy, DateTimeOffset DecidedAt);

/// <summary>A service's acknowledgement.</summary>
public sealed record Receipt(string Reference);
