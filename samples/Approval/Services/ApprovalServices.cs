using System.Collections.Concurrent;
using Approval.Domain;
using Approval.People;
using LambdaWorkflow.ServiceHost;

namespace Approval.Services;

/// <summary>
/// The notification service, which hands notices to the people of the <see cref="ApproverDesk"/>, and the expense
/// system, which books each verdict once however often it is delivered.
/// </summary>
public sealed class ApprovalServices(ApproverDesk desk)
{
    private readonly ConcurrentDictionary<string, RecordDecision> _ledger = new(StringComparer.Ordinal);

    /// <summary>The verdicts booked, by expense.</summary>
    public IReadOnlyDictionary<string, RecordDecision> Ledger => _ledger;

    public ServiceRegistry Register(ServiceRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .Map(Notifications.NotifyApprover, (notice, context, _) =>
            {
                desk.ApproverNotified(notice);
                return Task.FromResult(new Receipt("notice:" + context.CallId));
            })
            .Map(Notifications.Escalate, (escalation, context, _) =>
            {
                desk.ManagerNotified(escalation);
                return Task.FromResult(new Receipt("escalation:" + context.CallId));
            })
            .Map(Expenses.Record, (decision, context, _) =>
            {
                _ledger.TryAdd(decision.ExpenseId, decision);
                return Task.FromResult(new Receipt("booking:" + context.CallId));
            });
    }
}
