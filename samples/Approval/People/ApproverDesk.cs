using LambdaWorkflow.Orchestrator;
using Approval.Domain;

namespace Approval.People;

/// <summary>
/// The people who answer: when the notification service tells someone about an expense, their planned answer is
/// booked for its time, and <see cref="RunAsync"/> raises it as the <c>approval</c> event from outside the runtime,
/// through <see cref="WorkflowClient.RaiseEventAsync{T}"/>, when the (accelerated) clock gets there.
/// </summary>
public sealed class ApproverDesk(TimeProvider clock)
{
    /// <summary>How often the people look at their inbox: every five virtual minutes.</summary>
    private static readonly TimeSpan Glance = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, ResponsePlan> _plans = new(StringComparer.Ordinal);
    private readonly HashSet<string> _notified = new(StringComparer.Ordinal);
    private readonly PriorityQueue<(string ExpenseId, string Person, PlannedAnswer Answer), DateTimeOffset> _due = new();
    private readonly Lock _lock = new();
    private long _escalations;
    private long _raised;

    /// <summary>Escalations received by managers.</summary>
    public long Escalations => Interlocked.Read(ref _escalations);

    /// <summary>Answers sent so far.</summary>
    public long AnswersRaised => Interlocked.Read(ref _raised);

    /// <summary>Registers what the people around an expense will do; call before the expense starts.</summary>
    public void Expect(string expenseId, ResponsePlan plan)
    {
        lock (_lock)
        {
            _plans.Add(expenseId, plan);
        }
    }

    /// <summary>The approver got the notice.</summary>
    public void ApproverNotified(ApprovalNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        Notified(notice.ExpenseId, notice.Approver, escalation: false);
    }

    /// <summary>The manager got the escalation.</summary>
    public void ManagerNotified(Escalation escalation)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        Notified(escalation.ExpenseId, escalation.Manager, escalation: true);
    }

    /// <summary>Raises each answer when it is due, until cancelled.</summary>
    public async Task RunAsync(WorkflowClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            while (true)
            {
                foreach (var (expenseId, person, answer) in TakeDue())
                {
                    var decision = new ApprovalDecision(answer.Approve, person, answer.Approve ? "fine by me" : "not within policy");

                    // The event id makes a second delivery of the same answer a duplicate.
                    await client.RaiseEventAsync(expenseId, Workflows.ApprovalEvent, decision, $"{expenseId}-{person}", ApprovalJson.Default.ApprovalDecision, cancellationToken).ConfigureAwait(false);
                    Interlocked.Increment(ref _raised);
                }

                await Task.Delay(Glance, clock, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    private void Notified(string expenseId, string person, bool escalation)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            // A redelivered notification reaches the same person twice; they answer once.
            if (!_plans.TryGetValue(expenseId, out var plan) || !_notified.Add(expenseId + "/" + person))
            {
                return;
            }

            if (escalation)
            {
                Interlocked.Increment(ref _escalations);
            }

            if ((escalation ? plan.Manager : plan.Approver) is { } answer)
            {
                _due.Enqueue((expenseId, person, answer), now + answer.After);
            }
        }
    }

    private List<(string ExpenseId, string Person, PlannedAnswer Answer)> TakeDue()
    {
        var now = clock.GetUtcNow();
        var due = new List<(string, string, PlannedAnswer)>();
        lock (_lock)
        {
            while (_due.TryPeek(out _, out var at) && at <= now)
            {
                due.Add(_due.Dequeue());
            }
        }

        return due;
    }
}
