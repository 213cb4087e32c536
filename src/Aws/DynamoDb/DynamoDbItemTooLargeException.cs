namespace LambdaWorkflow.Aws.DynamoDb;

/// <summary>
/// A history event or metadata item exceeds DynamoDB's 400 KB item limit. Permanent: the same turn produces the
/// same item, so the payload must shrink (pass a reference to the data instead).
/// </summary>
public sealed class DynamoDbItemTooLargeException : DynamoDbStateStoreException
{
    /// <summary>The limit in bytes (400 KB, attribute names included).</summary>
    public const int Limit = ItemSizeCalculator.MaxItemBytes;

    /// <summary>Creates the error for one item.</summary>
    /// <param name="tableName">The table.</param>
    /// <param name="operation">The DynamoDB request that would have carried the item.</param>
    /// <param name="instanceId">The instance.</param>
    /// <param name="sequence">The history event's sequence; null for the metadata item.</param>
    /// <param name="itemSize">The item's size in bytes as DynamoDB counts it; null when DynamoDB rejected the item without saying.</param>
    /// <param name="innerException">DynamoDB's rejection, when it came from DynamoDB.</param>
    public DynamoDbItemTooLargeException(string tableName, string operation, string instanceId, int? sequence, int? itemSize, Exception? innerException = null)
        : base(Describe(instanceId, sequence, itemSize), tableName, operation, instanceId, innerException)
    {
        Sequence = sequence;
        ItemSize = itemSize;
    }

    /// <summary>Creates the error.</summary>
    public DynamoDbItemTooLargeException()
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public DynamoDbItemTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public DynamoDbItemTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The history event's sequence; null for the metadata item.</summary>
    public int? Sequence { get; }

    /// <summary>The item's size in bytes, when known.</summary>
    public int? ItemSize { get; }

    private static string Describe(string instanceId, int? sequence, int? itemSize)
    {
        var what = sequence is { } s ? $"History event {s} of instance '{instanceId}'" : $"The metadata item of instance '{instanceId}'";
        var size = itemSize is { } bytes ? $"is {bytes:N0} bytes" : "was rejected by DynamoDB as too large";
        return $"{what} {size}; DynamoDB items are at most {Limit:N0} bytes (400 KB). Pass a reference to large data instead of the data.";
    }
}
