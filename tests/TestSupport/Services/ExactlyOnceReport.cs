namespace LambdaWorkflow.TestSupport.Services;

/// <summary>What the exactly-once harness saw.</summary>
/// <param name="Calls">Distinct calls sent.</param>
/// <param name="MessagesSent">Messages sent, duplicates included.</param>
/// <param name="Deliveries">Messages received and handed to the dispatcher (redeliveries included).</param>
/// <param name="SideEffects">Side effects per call id.</param>
/// <param name="Replies">Reply JSON sent per call id, in send order.</param>
/// <param name="CrashesBeforeEffect">Deliveries killed inside the handler, before its effect.</param>
/// <param name="CrashesBeforeReply">Deliveries killed after the answer was recorded, before the reply was sent.</param>
/// <param name="ReplyFailures">Reply sends that threw.</param>
/// <param name="AnsweredFromStore">Deliveries answered with the recorded reply (event 2010).</param>
/// <param name="BusyRetries">Deliveries sent back because another held the lease (event 2011).</param>
/// <param name="Takeovers">Deliveries that ran a call again after a lease expired (event 2012).</param>
/// <param name="FakeTimeAdvanced">How far the fake clock moved.</param>
public sealed record ExactlyOnceReport(
    int Calls,
    int MessagesSent,
    int Deliveries,
    IReadOnlyDictionary<string, int> SideEffects,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Replies,
    int CrashesBeforeEffect,
    int CrashesBeforeReply,
    int ReplyFailures,
    int AnsweredFromStore,
    int BusyRetries,
    int Takeovers,
    TimeSpan FakeTimeAdvanced)
{
    /// <summary>One line for the test output.</summary>
    public override string ToString() =>
        $"{Calls} calls, {MessagesSent} messages, {Deliveries} deliveries; crashes before effect {CrashesBeforeEffect}, before reply {CrashesBeforeReply}, " +
        $"reply failures {ReplyFailures}; answered from store {AnsweredFromStore}, busy retries {BusyRetries}, takeovers {Takeovers}; " +
        $"effects {SideEffects.Values.Sum()}, calls answered {Replies.Count}; fake time {FakeTimeAdvanced}.";
}
