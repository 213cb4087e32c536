using LambdaWorkflow.Orchestrator;

namespace LambdaWorkflow.Aws.DynamoDb;

/// <summary>
/// DynamoDB refused a state store request for a reason that retrying cannot fix (a missing table, denied access,
/// an invalid item). Transient trouble is reported as <see cref="Orchestrator.State.StateStoreUnavailableException"/> instead.
/// </summary>
public class DynamoDbStateStoreException : WorkflowException
{
    /// <summary>Creates the error naming the table, the request and the instance.</summary>
    public DynamoDbStateStoreException(string message, string tableName, string operation, string instanceId, Exception? innerException = null)
        : base(message, innerException!)
    {
        TableName = tableName;
        Operation = operation;
        InstanceId = instanceId;
    }

    /// <summary>Creates the error.</summary>
    public DynamoDbStateStoreException()
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public DynamoDbStateStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public DynamoDbStateStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The table.</summary>
    public string? TableName { get; }

    /// <summary>The DynamoDB request, such as <c>PutItem</c>.</summary>
    public string? Operation { get; }

    /// <summary>The workflow instance.</summary>
    public string? InstanceId { get; }
}
