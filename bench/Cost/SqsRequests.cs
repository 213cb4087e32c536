namespace LambdaWorkflow.Cost;

/// <summary>
/// The billed SQS requests of a run, split by queue type: SQS charges $0.40 per million on standard queues and $0.50
/// on FIFO queues. Emulator false empty receives are left out (SQS would have kept those polls waiting).
/// </summary>
/// <param name="Standard">Billed requests on standard queues (the service queues, the timer queue).</param>
/// <param name="Fifo">Billed requests on FIFO queues (the inbox), with any request that named no queue.</param>
/// <param name="Measured">
/// True when the summary counted requests by queue (<c>sqsFifo.*</c>, <c>sqsStandard.*</c> keys); false for an older
/// summary, split by the earlier assumption instead.
/// </param>
internal sealed record SqsRequests(double Standard, double Fifo, bool Measured)
{
    /// <summary>Prefix of the requests the sample counted on FIFO queues.</summary>
    public const string FifoPrefix = "sqsFifo.";

    /// <summary>Prefix of the requests the sample counted on standard queues.</summary>
    public const string StandardPrefix = "sqsStandard.";

    /// <summary>Prefix of SQS requests that named no queue (none in this sample); priced at the FIFO rate, the higher.</summary>
    public const string UnknownPrefix = "sqsUnknown.";

    /// <summary>The split of a run: measured when the summary has it, else the old assumption.</summary>
    public static SqsRequests Of(Usage usage)
    {
        var standard = Requests(usage, StandardPrefix);
        var fifo = Requests(usage, FifoPrefix) + Requests(usage, UnknownPrefix);
        if (standard + fifo > 0)
        {
            return new SqsRequests(
                standard - usage["emulator.falseEmptyReceivesStandard"],
                fifo - usage["emulator.falseEmptyReceivesFifo"],
                Measured: true);
        }

        // An older summary: only the sends to the standard service queues are known to be standard (one EventBridge
        // delivery per entry, or one direct-dispatch batch per step at most); everything else is priced as FIFO.
        var all = Requests(usage, "sqs.") - usage["emulator.falseEmptyReceives"];
        var entries = usage["events.PutEventsEntries"];
        var standardSends = entries > 0 ? entries : Math.Min(usage.Steps, Math.Max(0, usage["sqs.SendMessageBatch"] - usage.Workflows));
        var assumedStandard = Math.Min(standardSends, all);
        return new SqsRequests(assumedStandard, all - assumedStandard, Measured: false);
    }

    /// <summary>Requests under a prefix: operation counts only (one dot), not batch entries or failed-request kinds.</summary>
    private static double Requests(Usage usage, string prefix) => usage.Requests
        .Where(r => r.Key.StartsWith(prefix, StringComparison.Ordinal)
            && r.Key.Count(c => c == '.') == 1
            && !r.Key.EndsWith("Entries", StringComparison.Ordinal))
        .Sum(r => r.Value);
}
