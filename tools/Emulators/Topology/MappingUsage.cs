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
    long FalseEmptyReceivesFifo, long BatchesFifo, long MessagesFifo, long FalseEmptyReceivesStandard, long BatchesStandard, long MessagesStandard);
