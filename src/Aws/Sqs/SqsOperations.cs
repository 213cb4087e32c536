namespace LambdaWorkflow.Aws.Sqs;

/// <summary>Names of the SQS operations the adapters call, as AWS bills and logs them.</summary>
public static class SqsOperations
{
    /// <summary><c>SendMessage</c>.</summary>
    public const string SendMessage = "SendMessage";

    /// <summary><c>SendMessageBatch</c>.</summary>
    public const string SendMessageBatch = "SendMessageBatch";

    /// <summary><c>DeleteMessageBatch</c>.</summary>
    public const string DeleteMessageBatch = "DeleteMessageBatch";
}
