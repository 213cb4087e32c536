using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.Aws.EventBridge;

/// <summary>The EventBridge publisher's log messages; event ids are fixed so alarms and queries can rely on them.</summary>
internal static partial class EventBridgeLog
{
    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning,
        Message = "PutEvents of {EntryCount} entries failed ({ErrorCode}, HTTP {StatusCode}); retry {RetryAttempt} in {DelayMs} ms.")]
    public static partial void RequestRetrying(
        ILogger logger, int entryCount, string? errorCode, int? statusCode, int retryAttempt, double delayMs, Exception exception);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning,
        Message = "PutEvents left {FailedCount} entries unaccepted ({ErrorCodes}; first call {CallId}); retry {RetryAttempt} sends only those in {DelayMs} ms.")]
    public static partial void EntriesRetrying(
        ILogger logger, int failedCount, string errorCodes, string callId, int retryAttempt, double delayMs);

    [LoggerMessage(EventId = 3303, Level = LogLevel.Error,
        Message = "EventBridge did not accept {FailedCount} commands (first call {CallId}, {ErrorCode}); retries exhausted: {RetriesExhausted}.")]
    public static partial void EntriesFailed(ILogger logger, int failedCount, string callId, string errorCode, bool retriesExhausted);

    [LoggerMessage(EventId = 3304, Level = LogLevel.Debug,
        Message = "Published {CommandCount} commands to EventBridge bus {EventBusName} in {RequestCount} PutEvents requests.")]
    public static partial void Published(ILogger logger, int commandCount, string eventBusName, int requestCount);
}
