using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator;

namespace Approval.Domain;

/// <summary>The notification service: tells people they have something to decide.</summary>
public static class Notifications
{
    public static readonly ServiceOperation<ApprovalNotice, Receipt> NotifyApprover = new("notifications", "notify-approver", ApprovalJson.Default.ApprovalNotice, ApprovalJson.Default.Receipt);
    public static readonly ServiceOperation<Escalation, Receipt> Escalate = new("notifications", "escalate", ApprovalJson.Default.Escalation, ApprovalJson.Default.Receipt);
}

/// <summary>The expense system: where verdicts are booked.</summary>
public static class Expenses
{
    public static readonly ServiceOperation<RecordDecision, Receipt> Record = new("expenses", "record-decision", ApprovalJson.Default.RecordDecision, ApprovalJson.Default.Receipt);
}

/// <summary>The sample's workflow and its event.</summary>
public static class Workflows
{
    /// <summary>The name of the event that carries an <see cref="ApprovalDecision"/>.</summary>
    public const string ApprovalEvent = "approval";

    public static readonly WorkflowDefinition<ExpenseRequest, ExpenseOutcome> ExpenseApproval = new("expense-approval", ApprovalJson.Default.ExpenseRequest, ApprovalJson.Default.ExpenseOutcome);
}
