namespace LambdaWorkflow.Local.Queues;

/// <summary>Fixed SQS limits the local queues enforce so that code that runs locally also runs on AWS.</summary>
internal static class QueueLimits
{
    public const int MaxMessagesPerReceive = 10;
    public const int MaxReceiveCountLimit = 1000;
    public const int MaxIdLength = 128;
    public const int MaxAttributes = 10;
    public const int MaxAttributeNameLength = 256;
    public const int MaxQueueNameLength = 80;
    public const string FifoSuffix = ".fifo";

    public static readonly TimeSpan MaxWaitTime = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan MaxVisibilityTimeout = TimeSpan.FromHours(12);
}
