using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.ServiceHost;

/// <summary>The host's log messages; event ids are fixed so alarms and queries can rely on them.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug,
        Message = "Call {CallId} to {Service}.{Operation} handled (dispatch attempt {Attempt}); replying CallCompleted.")]
    public static partial void CallCompleted(ILogger logger, string service, string operation, string callId, int attempt);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error,
        Message = "Message {MessageId} (receive {ReceiveCount}) is not a valid CallRequested event and goes to the dead-letter queue: {Reason}")]
    public static partial void MalformedMessage(ILogger logger, string messageId, int receiveCount, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error,
        Message = "Message {MessageId} calls operation '{Operation}' of service '{Service}', which this host does not map; call {CallId} goes to the dead-letter queue.")]
    public static partial void UnknownOperation(ILogger logger, string messageId, string service, string operation, string callId);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning,
        Message = "Call {CallId} to {Service}.{Operation} failed transiently; retry {RetryAttempt} in {DelayMs} ms.")]
    public static partial void HandlerRetrying(
        ILogger logger, string service, string operation, string callId, int retryAttempt, double delayMs, Exception? exception);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning,
        Message = "Call {CallId} to {Service}.{Operation} failed with {ErrorType}: {ErrorMessage}")]
    public static partial void CallFailed(ILogger logger, string service, string operation, string callId, string errorType, string errorMessage);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Error,
        Message = "Call {CallId} to {Service}.{Operation} failed with an unexpected {ErrorType}.")]
    public static partial void HandlerFailed(ILogger logger, string service, string operation, string callId, string errorType, Exception exception);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning,
        Message = "Call {CallId} to {Service}.{Operation} was interrupted because the host is stopping; message {MessageId} will be redelivered.")]
    public static partial void CallInterrupted(ILogger logger, string service, string operation, string callId, string messageId, Exception exception);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning,
        Message = "The reply to call {CallId} could not be sent to {ReplyTo}; message {MessageId} will be redelivered.")]
    public static partial void ReplyFailed(ILogger logger, string callId, string replyTo, string messageId, Exception exception);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Error,
        Message = "Message {MessageId} failed unexpectedly and will be redelivered.")]
    public static partial void UnexpectedFailure(ILogger logger, string messageId, Exception exception);
}
