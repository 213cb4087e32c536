using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.Aws.DynamoDb;

/// <summary>The DynamoDB state store's log messages, with fixed event ids.</summary>
internal static partial class DynamoDbLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "DynamoDB {Operation} on table {Table} for instance {InstanceId} failed transiently; retry {Retry} in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string operation, string table, string instanceId, int retry, double delayMs, Exception? exception);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Could not delete the earlier runs' history of instance {InstanceId} in table {Table}; it stays, unread")]
    public static partial void CleanupFailed(ILogger logger, string table, string instanceId, Exception exception);
}
