namespace LambdaWorkflow.Aws.DynamoDb;

/// <summary>The DynamoDB requests the state store makes.</summary>
internal enum DynamoDbOperation
{
    /// <summary>Reads the metadata item.</summary>
    GetItem,

    /// <summary>Reads a page of history items.</summary>
    Query,

    /// <summary>Writes the metadata item under the version condition.</summary>
    PutItem,

    /// <summary>Writes up to 25 history items.</summary>
    BatchWriteItem,

    /// <summary>Reads a page of the whole table, for an operator's listing.</summary>
    Scan,
}
