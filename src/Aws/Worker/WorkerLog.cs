using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.Aws.Worker;

/// <summary>The SQS worker's log messages, with fixed event ids.</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 3501, Level = LogLevel.Information,
        Message = "Polling {QueueUrl} with up to {MaxConcurrency} messages at a time; dead letters go to {DeadLetterQueueUrl}.")]
    public static partial void Started(ILogger logger, string queueUrl, int maxConcurrency, string deadLetterQueueUrl);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Information,
        Message = "Stopping: {InFlight} messages in flight get {GracePeriod} to finish.")]
    public static partial void Stopping(ILogger logger, int inFlight, TimeSpan gracePeriod);

    [LoggerMessage(EventId = 3503, Level = LogLevel.Warning,
        Message = "The grace period ended with {InFlight} messages in flight; they are cancelled and released for redelivery.")]
    public static partial void GraceExpired(ILogger logger, int inFlight);

    [LoggerMessage(EventId = 3504, Level = LogLevel.Information, Message = "Stopped polling {QueueUrl}.")]
    public static partial void Stopped(ILogger logger, string queueUrl);

    [LoggerMessage(EventId = 3505, Level = LogLevel.Warning,
        Message = "Receiving from {QueueUrl} failed; trying again in {Delay}.")]
    public static partial void ReceiveFailed(ILogger logger, string queueUrl, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 3506, Level = LogLevel.Error,
        Message = "Message {MessageId} goes to the dead-letter queue {DeadLetterQueueUrl}: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string messageId, string deadLetterQueueUrl, string reason);

    [LoggerMessage(EventId = 3507, Level = LogLevel.Error,
        Message = "Message {MessageId} should go to a dead-letter queue, but {QueueUrl} has none; it stays in the queue: {Reason}")]
    public static partial void NoDeadLetterQueue(ILogger logger, string messageId, string queueUrl, string reason);

    [LoggerMessage(EventId = 3508, Level = LogLevel.Warning,
        Message = "Message {MessageId} could not be settled ({Disposition}); it becomes visible again when its visibility timeout passes.")]
    public static partial void SettleFailed(ILogger logger, string messageId, string disposition, Exception exception);

    [LoggerMessage(EventId = 3509, Level = LogLevel.Warning,
        Message = "The visibility of message {MessageId} could not be extended; another worker may receive it.")]
    public static partial void ExtendFailed(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(EventId = 3510, Level = LogLevel.Debug,
        Message = "Message {MessageId} is retried in {Delay}: {Reason}")]
    public static partial void Retrying(ILogger logger, string messageId, TimeSpan delay, string reason);
}
