namespace LambdaWorkflow.Emulators;

/// <summary>A FIFO queue whose redrive policy moves a message to <paramref name="DeadLetterQueue"/> after <paramref name="MaxReceiveCount"/> receives.</summary>
public sealed record FifoQueuePair(QueueAddress Queue, QueueAddress DeadLetterQueue, int MaxReceiveCount);
