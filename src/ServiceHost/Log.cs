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

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information,
        Message = "Call {CallId} to {Service}.{Operation} was answered before; message {MessageId} is a duplicate and gets the recorded {ReplyType}.")]
    public static partial void DuplicateCall(ILogger logger, string service, string operation, string callId, string messageId, string replyType);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information,
        Message = "Call {CallId} to {Service}.{Operation} is being handled by another delivery until {LeaseExpiresAt:O}; message {MessageId} comes back later.")]
    public static partial void CallBusy(ILogger logger, string service, string operation, string callId, string messageId, DateTimeOffset? leaseExpiresAt);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Warning,
        Message = "The lease on call {CallId} to {Service}.{Operation} expired without an answer (its delivery died or overran); message {MessageId} runs the handler again.")]
    public static partial void LeaseTakenOver(ILogger logger, string service, string operation, string callId, string messageId);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Warning,
        Message = "Call {CallId} to {Service}.{Operation} ran, but its lease was taken by another delivery before its answer was recorded; message {MessageId} will be redelivered. Raise the idempotency lease above the handler's longest run.")]
    public static partial void LeaseLost(ILogger logger, string service, string operation, string callId, string messageId);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Information,
        Message = "Call {CallId} to {Service}.{Operation} is pending until its callback completes (timeout {Deadline:O}).")]
    public static partial void CallPending(ILogger logger, string service, string operation, string callId, DateTimeOffset deadline);

    [LoggerMessage(EventId = 2015, Level = LogLevel.Information,
        Message = "Call {CallId} to {Service}.{Operation} is pending on its callback; duplicate message {MessageId} needs no reply.")]
    public static partial void DuplicateWhilePending(ILogger logger, string service, string operation, string callId, string messageId);

    [LoggerMessage(EventId = 2016, Level = LogLevel.Information,
        Message = "Call {CallId} to {Service}.{Operation} completed through its callback with {ReplyType}.")]
    public static partial void CallbackCompleted(ILogger logger, string service, string operation, string callId, string replyType);

    [LoggerMessage(EventId = 2017, Level = LogLevel.Warning,
        Message = "A {Action} for call {CallId} came through its callback token but the call was not open: {Status}.")]
    public static partial void CallbackLate(ILogger logger, string callId, string action, string status);

    [LoggerMessage(EventId = 2018, Level = LogLevel.Warning,
        Message = "Call {CallId} to {Service}.{Operation} timed out waiting for its callback; replying CallFailed.")]
    public static partial void CallbackTimedOut(ILogger logger, string service, string operation, string callId);

    [LoggerMessage(EventId = 2019, Level = LogLevel.Warning,
        Message = "A callback token was refused: {Reason}")]
    public static partial void InvalidCallbackToken(ILogger logger, string reason);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Error,
        Message = "Message {MessageId} is not a valid callback timeout check and goes to the dead-letter queue: {Reason}")]
    public static partial void InvalidTimeoutCheck(ILogger logger, string messageId, string reason);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Error,
        Message = "Message {MessageId} failed on its receive {ReceiveCount}, the last one allowed, and goes to the dead-letter queue: {Reason}")]
    public static partial void GaveUp(ILogger logger, string messageId, int receiveCount, string reason);

    [LoggerMessage(EventId = 2022, Level = LogLevel.Error,
        Message = "The handler of {Service}.{Operation} could not be resolved for call {CallId}; message {MessageId} will be redelivered.")]
    public static partial void HandlerUnresolved(ILogger logger, string service, string operation, string callId, string messageId, Exception exception);
}
