using Approval.Domain;

namespace Approval.People;

/// <summary>When, after being asked, a person answers, and what they say.</summary>
public sealed record PlannedAnswer(TimeSpan After, bool Approve);

/// <summary>
/// What the people around one expense will do: the approver answers quickly, slowly or never; when the approver is
/// silent, the manager answers after the escalation or never. Answers keep at least a day away from each
/// deadline (half a second of real time at a day per second), so that a run's outcomes do not hang on scheduling.
/// </summary>
public sealed record ResponsePlan(PlannedAnswer? Approver, PlannedAnswer? Manager)
{
    /// <summary>How far every planned answer stays from the deadline it must beat.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromDays(1);

    private const int Behaviour = 1, Delay = 2, Verdict = 3, ManagerBehaviour = 4, ManagerDelay = 5, ManagerVerdict = 6, Amount = 7;

    /// <summary>The plan of expense <paramref name="index"/> in a run with these options.</summary>
    public static ResponsePlan For(ApprovalOptions options, int index)
    {
        ArgumentNullException.ThrowIfNull(options);
        var seed = options.Seed;
        var behaviour = Dice.Uniform(seed, index, Behaviour);
        PlannedAnswer? approver = null;
        if (behaviour < options.QuickApproverShare)
        {
            approver = new PlannedAnswer(Hours(Dice.Between(seed, index, Delay, 0.5, 24)), Dice.Uniform(seed, index, Verdict) < options.ApproveShare);
        }
        else if (behaviour < options.QuickApproverShare + options.SlowApproverShare)
        {
            var latest = (ExpenseApprovalWorkflow.ApproverTimeout - Margin).TotalHours;
            approver = new PlannedAnswer(Hours(Dice.Between(seed, index, Delay, 24, latest)), Dice.Uniform(seed, index, Verdict) < options.ApproveShare);
        }

        PlannedAnswer? manager = null;
        if (Dice.Uniform(seed, index, ManagerBehaviour) < options.ManagerAnswerShare)
        {
            var latest = (ExpenseApprovalWorkflow.ManagerTimeout - Margin).TotalHours;
            manager = new PlannedAnswer(Hours(Dice.Between(seed, index, ManagerDelay, 6, latest)), Dice.Uniform(seed, index, ManagerVerdict) < options.ApproveShare);
        }

        return new ResponsePlan(approver, manager);
    }

    /// <summary>The expense request <paramref name="index"/> of a run with seed <paramref name="seed"/>.</summary>
    public static ExpenseRequest Request(int seed, int index)
    {
        var amount = Math.Round((decimal)Dice.Between(seed, index, Amount, 20, 5_000), 2);
        return new ExpenseRequest($"expense-{seed}-{index:D5}", $"employee-{index % 23}", amount, $"approver-{index % 7}", $"manager-{index % 3}");
    }

    private static TimeSpan Hours(double hours) => TimeSpan.FromHours(Math.Round(hours, 2));
}
