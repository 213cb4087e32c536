using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.Orchestrator;

/// <summary>The orchestrator's log messages, with fixed event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Dead-lettering inbox message {MessageId}: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string messageId, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Inbox message {MessageId} will be retried: {Reason}")]
    public static partial void WillRetry(ILogger logger, string messageId, string reason, Exception? exception);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Duplicate {Type} for instance {InstanceId}; republishing {Count} outstanding commands")]
    public static partial void Duplicate(ILogger logger, string type, string instanceId, int count);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Instance {InstanceId} parked as faulted: {Reason}")]
    public static partial void Faulted(ILogger logger, string instanceId, string reason);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Late {Type} for finished instance {InstanceId} ignored")]
    public static partial void LateMessage(ILogger logger, string type, string instanceId);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "{Type} for an earlier run of instance {InstanceId} ignored; it continued as new")]
    public static partial void EarlierRun(ILogger logger, string type, string instanceId);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "Resume of instance {InstanceId} ignored: it is {Status}, not faulted")]
    public static partial void NotFaulted(ILogger logger, string instanceId, State.WorkflowStatus status);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning, Message = "Faulted instance {InstanceId} resumed: now {Status} ({Reason})")]
    public static partial void Resumed(ILogger logger, string instanceId, State.WorkflowStatus status, string reason);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Debug, Message = "Turn of {InstanceId} lost a version race; reloading")]
    public static partial void Conflict(ILogger logger, string instanceId);
}
