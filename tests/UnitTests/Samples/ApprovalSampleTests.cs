using Approval;

namespace LambdaWorkflow.UnitTests.Samples;

/// <summary>The approval sample end to end, at two virtual days per second: a five-day run takes 2.5 s.</summary>
[Collection(SamplesRunAlone.Name)]
public sealed class ApprovalSampleTests
{
    private const double TwoDaysPerSecond = 2 * 86_400;

    [Fact]
    public async Task RunAsync_SameSeedTwice_CountsAddUpEscalationsHappenAndOutcomesRepeat()
    {
        var options = new ApprovalOptions { Requests = 40, Seed = 7, Speed = TwoDaysPerSecond };

        var first = await new ApprovalRunner(options).RunAsync();
        var second = await new ApprovalRunner(options).RunAsync();

        Assert.Equal(0, first.Stuck + first.Failed);
        Assert.Equal(40, first.Approved + first.Rejected + first.TimedOutCompletely);
        Assert.Equal(40, first.DecisionsRecorded);
        Assert.True(first.Escalated > 0, "some approvers never answer, so some requests escalate");
        Assert.True(first.ApprovedAfterEscalation > 0, "managers approve some escalated requests");
        Assert.True(first.TimedOutCompletely > 0, "some managers never answer either");
        Assert.True(first.Escalated >= first.ApprovedAfterEscalation + first.TimedOutCompletely);
        Assert.Equal((2 * 40) + first.Escalated, first.Steps); // notify and record each, escalate when escalated
        Assert.Equal(first.OutcomeDigest, second.OutcomeDigest);
        Assert.Equal(first.Escalated, second.Escalated);
    }

    [Fact]
    public async Task RunAsync_NobodyEverAnswers_EveryRequestEscalatesThenIsRejectedAfterFiveDays()
    {
        var options = new ApprovalOptions { Requests = 20, Speed = TwoDaysPerSecond, QuickApproverShare = 0, SlowApproverShare = 0, ManagerAnswerShare = 0 };

        var summary = await new ApprovalRunner(options).RunAsync();

        Assert.Equal(20, summary.Escalated);
        Assert.Equal(20, summary.TimedOutCompletely);
        Assert.Equal(0, summary.Approved + summary.Rejected);
        Assert.Equal(20, summary.DecisionsRecorded);
        Assert.True(summary.VirtualDays >= 5, $"the last timeout fires five virtual days in, not after {summary.VirtualDays} days");
    }

    [Fact]
    public async Task RunAsync_EveryApproverAnswersWithinADay_NoEscalationAndDecidedWithinADay()
    {
        var options = new ApprovalOptions { Requests = 30, Speed = TwoDaysPerSecond, QuickApproverShare = 1, SlowApproverShare = 0 };

        var summary = await new ApprovalRunner(options).RunAsync();

        Assert.Equal(0, summary.Escalated);
        Assert.Equal(30, summary.Approved + summary.Rejected);
        Assert.InRange(summary.MedianDecisionHours, 0.5, 25);
    }
}
