using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.Aws.Sqs;

/// <summary>The SQS adapters' log messages; event ids are fixed so alarms and queries can rely on them.</summary>
internal static partial class SqsLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "SQS {Operation} to {QueueUrl} failed transiently; retry {RetryAttempt} in {DelayMs} ms.")]
    public static partial void Retrying(ILogger logger, string operation, string queueUrl, int retryAttempt, double delayMs, Exception? exception);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning,
        Message = "Dead-lettered message {MessageId} to {DeadLetterQueueUrl}: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string messageId, string deadLetterQueueUrl, string reason);
}
