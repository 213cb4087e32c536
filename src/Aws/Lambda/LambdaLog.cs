using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.Aws.Lambda;

/// <summary>The Lambda entry points' log messages; event ids are fixed so alarms and queries can rely on them.</summary>
internal static partial class LambdaLog
{
    [LoggerMessage(EventId = 3201, Level = LogLevel.Error,
        Message = "Message {MessageId} must be dead-lettered ({Reason}) but no dead-letter queue is configured; it is reported failed and left to the queue's redrive policy.")]
    public static partial void NoDeadLetterQueue(ILogger logger, string messageId, string reason);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Error,
        Message = "Message {MessageId} could not be dead-lettered ({Reason}); it is reported failed and will be redelivered.")]
    public static partial void DeadLetterFailed(ILogger logger, string messageId, string reason, Exception exception);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Error,
        Message = "Record {MessageId} cannot be converted and goes to the dead-letter queue: {Reason}")]
    public static partial void MalformedRecord(ILogger logger, string messageId, string reason);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Debug,
        Message = "Batch of {Count} records from {Source}: {Failures} reported failed, {DeadLettered} dead-lettered.")]
    public static partial void BatchDone(ILogger logger, int count, string source, int failures, int deadLettered);
}
