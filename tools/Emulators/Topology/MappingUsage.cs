namespace LambdaWorkflow.Emulators;

/// <summary>
/// What the event source mappings of a run received, by queue type (SQS prices FIFO requests higher): the batches
/// handed to the functions, the messages in them, and the emulator's false empty receives.
/// </summary>
/// <param name="FalseEmptyReceivesFifo">False empty receives on FIFO queues (see <see cref="AwsUsageReport.FalseEmptyReceivesKey"/>).</param>
/// <param name="BatchesFifo">Non-empty receives on FIFO queues: invocations of the functions mapped to them.</param>
/// <param name="MessagesFifo">Messages received from FIFO queues.</param>
/// <param name="FalseEmptyReceivesStandard">False empty receives on standard queues.</param>
/// <param name="BatchesStandard">Non-empty receives on standard queues.</param>
/// <param name="MessagesStandard">Messages received from standard queues.</param>
public sealed record MappingUsage(
    long FalseEmptyReceivesFifo, long BatchesFifo, long MessagesFifo, long FalseEmptyReceivesStandard, long BatchesStandard, long MessagesStandard)
{
    /// <summary>Adds up what the pollers received, by the type of the queue each polls.</summary>
    public static MappingUsage Of(IEnumerable<EventSourceMappingPoller> pollers)
    {
        var all = pollers.ToList();
        var fifo = all.Where(p => p.IsFifo).ToList();
        var standard = all.Where(p => !p.IsFifo).ToList();
        return new MappingUsage(
            fifo.Sum(p => p.FalseEmptyReceives), fifo.Sum(p => p.Batches), fifo.Sum(p => p.MessagesReceived),
            standard.Sum(p => p.FalseEmptyReceives), standard.Sum(p => p.Batches), standard.Sum(p => p.MessagesReceived));
    }
}
