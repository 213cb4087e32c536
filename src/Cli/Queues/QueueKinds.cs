namespace LambdaWorkflow.Cli.Queues;

/// <summary>The roles a queue plays in a deployment.</summary>
public static class QueueKinds
{
    /// <summary>The workflow inbox: a FIFO queue that is not a dead-letter queue.</summary>
    public const string Inbox = "inbox";

    /// <summary>A service's queue (or any standard queue that is not a dead-letter queue).</summary>
    public const string Service = "service";

    /// <summary>A dead-letter queue: named <c>*-dlq</c>, or the target of another queue's redrive policy.</summary>
    public const string DeadLetter = "dlq";
}
