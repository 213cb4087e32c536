namespace LambdaWorkflow.Cost;

/// <summary>
/// How full the batches of a run were: the per-step SQS and Lambda costs fall as they fill. Null when the summary
/// predates the per-queue counts.
/// </summary>
/// <param name="InboxPerInvocation">Inbox messages per orchestrator invocation (per non-empty receive).</param>
/// <param name="ServicePerInvocation">Service-queue messages per service invocation (per non-empty receive).</param>
/// <param name="InboxPerReceive">Inbox messages per billed receive, empty receives included.</param>
/// <param name="ServicePerReceive">Service-queue messages per billed receive, empty receives included.</param>
/// <param name="InboxPerDelete">Entries per <c>DeleteMessageBatch</c> on the inbox.</param>
/// <param name="ServicePerDelete">Entries per <c>DeleteMessageBatch</c> on the service queues.</param>
/// <param name="RepliesPerSend">Service replies per send request to the inbox (<c>SendMessage</c> or <c>SendMessageBatch</c>, starts left out).</param>
/// <param name="CallsPerSend">Direct dispatch: calls per send request to the service queues; through EventBridge always 1 (one delivery per event).</param>
internal sealed record BatchSizes(
    double InboxPerInvocation, double ServicePerInvocation, double InboxPerReceive, double ServicePerReceive,
    double InboxPerDelete, double ServicePerDelete, double RepliesPerSend, double CallsPerSend)
{
    /// <summary>The batch sizes of a run, or null when its summary has no per-queue counts.</summary>
    public static BatchSizes? Of(Usage usage)
    {
        if (usage["emulator.batchesFifo"] <= 0)
        {
            return null;
        }

        // Each start is one SendMessageBatch of one entry (the client sends one start a request).
        var replies = usage["sqsFifo.SendMessage"] + usage["sqsFifo.SendMessageBatchEntries"] - usage.Workflows;
        var replyRequests = usage["sqsFifo.SendMessage"] + usage["sqsFifo.SendMessageBatch"] - usage.Workflows;
        var calls = usage["sqsStandard.SendMessage"] + usage["sqsStandard.SendMessageBatchEntries"];
        var callRequests = usage["sqsStandard.SendMessage"] + usage["sqsStandard.SendMessageBatch"];
        return new BatchSizes(
            Ratio(usage["emulator.messagesReceivedFifo"], usage["emulator.batchesFifo"]),
            Ratio(usage["emulator.messagesReceivedStandard"], usage["emulator.batchesStandard"]),
            Ratio(usage["emulator.messagesReceivedFifo"], usage["sqsFifo.ReceiveMessage"] - usage["emulator.falseEmptyReceivesFifo"]),
            Ratio(usage["emulator.messagesReceivedStandard"], usage["sqsStandard.ReceiveMessage"] - usage["emulator.falseEmptyReceivesStandard"]),
            Ratio(usage["sqsFifo.DeleteMessageBatchEntries"], usage["sqsFifo.DeleteMessageBatch"]),
            Ratio(usage["sqsStandard.DeleteMessageBatchEntries"], usage["sqsStandard.DeleteMessageBatch"]),
            Ratio(replies, replyRequests),
            Ratio(calls, callRequests));
    }

    private static double Ratio(double count, double per) => per > 0 ? count / per : 0;
}
