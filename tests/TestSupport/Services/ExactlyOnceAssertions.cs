using LambdaWorkflow.Contracts.Messages;
using Xunit;

namespace LambdaWorkflow.TestSupport.Services;

/// <summary>What an exactly-once run must show, whatever the store.</summary>
public static class ExactlyOnceAssertions
{
    /// <summary>Every side effect once, every call answered with one and the same reply, and every fault actually injected.</summary>
    public static void Check(ExactlyOnceReport report, ExactlyOnceScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(scenario);
        Assert.Equal(scenario.Calls, report.SideEffects.Count);
        Assert.All(report.SideEffects, effect => Assert.True(effect.Value == 1, $"{effect.Key} ran its side effect {effect.Value} times."));
        Assert.Equal(scenario.Calls, report.Replies.Count);
        Assert.All(report.Replies, replies =>
        {
            var distinct = replies.Value.Distinct(StringComparer.Ordinal).ToList();
            Assert.True(distinct.Count == 1, $"{replies.Key} was answered {distinct.Count} different ways.");
            Assert.IsType<CallCompleted>(InboxMessageReader.Parse(distinct[0]));
        });

        // The faults happened, in roughly the planned numbers, and the store absorbed them.
        Assert.InRange(report.MessagesSent, scenario.Calls + (int)(scenario.Calls * scenario.DuplicateRate * 0.8), scenario.Calls + (int)(scenario.Calls * scenario.DuplicateRate * 1.2));
        Assert.InRange(report.CrashesBeforeEffect, 1, int.MaxValue);
        Assert.InRange(report.CrashesBeforeReply, 1, int.MaxValue);
        Assert.InRange(report.ReplyFailures, 1, int.MaxValue);
        Assert.Equal(report.CrashesBeforeEffect, report.Takeovers);
        Assert.True(report.AnsweredFromStore >= report.CrashesBeforeReply + report.ReplyFailures,
            $"{report.AnsweredFromStore} deliveries answered from the store; expected at least one per crash before reply and per failed reply.");
    }
}
