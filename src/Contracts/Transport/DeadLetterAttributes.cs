namespace LambdaWorkflow.Contracts.Transport;

/// <summary>Names of the message attributes recorded on a dead-lettered message.</summary>
public static class DeadLetterAttributes
{
    /// <summary>Why the message was dead-lettered.</summary>
    public const string Reason = "lwf-dead-letter-reason";

    /// <summary>The queue the message came from.</summary>
    public const string SourceQueue = "lwf-source-queue";

    /// <summary>The original message id.</summary>
    public const string OriginalMessageId = "lwf-original-message-id";
}
