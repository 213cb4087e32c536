namespace LambdaWorkflow.Emulators;

/// <summary>A standard queue whose redrive policy moves a message to <paramref name="DeadLetterQueue"/> after <paramref name="MaxReceiveCount"/> receives.</summary>
public sealed record QueuePair(QueueAddress Queue, QueueAddress DeadLetterQueue, int MaxReceiveCount);
