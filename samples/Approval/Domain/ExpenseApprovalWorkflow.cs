using LambdaWorkflow.Orchestrator;

namespace Approval.Domain;

/// <summary>
/// Notify the approver and wait up to three days for the <c>approval</c> event. If none comes, escalate to the
/// manager and wait two days more; if still none, reject automatically. Then book the verdict. The instance is
/// suspended while it waits: nothing runs and nothing is billed until the event or the timeout arrives.
/// </summary>
public sealed class ExpenseApprovalWorkflow : IWorkflow<ExpenseRequest, ExpenseOutcome>
{
    /// <summary>How long the approver has.</summary>
    public static readonly TimeSpan ApproverTimeout = TimeSpan.FromDays(3);

    /// <summary>How long the manager has after the escalation.</summary>
    public static readonly TimeSpan ManagerTimeout = TimeSpan.FromDays(2);

    public async Task<ExpenseOutcome> RunAsync(WorkflowContext<ExpenseRequest> context)
    {
        var ctx = context;
        var expense = ctx.Request;
        var requestedAt = ctx.UtcNow;

        await ctx.CallAsync(Notifications.NotifyApprover, new ApprovalNotice(expense.ExpenseId, expense.Approver, expense.Amount, requestedAt + ApproverTimeout));
        ctx.SetCustomStatus("waiting for " + expense.Approver, ApprovalJson.Default.String);
        var decision = await WaitForDecisionAsync(ctx, ApproverTimeout);

        var escalated = decision is null;
        if (escalated)
        {
            await ctx.CallAsync(Notifications.Escalate, new Escalation(expense.ExpenseId, expense.Manager, expense.Approver, ctx.UtcNow + ManagerTimeout));
            ctx.SetCustomStatus("escalated to " + expense.Manager, ApprovalJson.Default.String);
            decision = await WaitForDecisionAsync(ctx, ManagerTimeout);
        }

        var verdict = decision switch
        {
            null => ExpenseVerdict.AutoRejected,
            { Approved: true } => ExpenseVerdict.Approved,
            _ => ExpenseVerdict.Rejected,
        };
        var decidedBy = decision?.DecidedBy ?? "system";
        var decidedAt = ctx.UtcNow;
        await ctx.CallAsync(Expenses.Record, new RecordDecision(expense.ExpenseId, verdict, decidedBy, decidedAt));
        ctx.SetCustomStatus(verdict.ToString(), ApprovalJson.Default.String);
        return new ExpenseOutcome(expense.ExpenseId, verdict, escalated, decidedBy, (decidedAt - requestedAt).TotalHours);
    }

    /// <summary>The next decision, or null when none arrives in time.</summary>
    private static async Task<ApprovalDecision?> WaitForDecisionAsync(WorkflowContext ctx, TimeSpan timeout)
    {
        try
        {
            return await ctx.WaitForEventAsync(Workflows.ApprovalEvent, timeout, ApprovalJson.Default.ApprovalDecision);
        }
        catch (EventTimeoutException)
        {
            return null;
        }
    }
}
