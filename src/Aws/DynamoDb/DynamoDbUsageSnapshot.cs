namespace LambdaWorkflow.Aws.DynamoDb;

/// <summary>
/// DynamoDB usage counted by a <see cref="DynamoDbWorkflowStateStore"/> up to a moment; subtract two snapshots
/// to get what happened in between (one step, one turn).
/// </summary>
/// <param name="ReadCapacityUnits">Read capacity units DynamoDB reported consumed.</param>
/// <param name="WriteCapacityUnits">Write capacity units DynamoDB reported consumed. Writes rejected by their condition are not reported by DynamoDB and so not counted, though they are billed.</param>
/// <param name="GetItemRequests">GetItem requests sent, retries included.</param>
/// <param name="QueryRequests">Query requests sent (one per page), retries included.</param>
/// <param name="PutItemRequests">PutItem requests sent, retries included.</param>
/// <param name="BatchWriteItemRequests">BatchWriteItem requests sent, retries included.</param>
/// <param name="Retries">Requests that were sent again after throttling, a server or network error, or unprocessed items.</param>
public readonly record struct DynamoDbUsageSnapshot(
    double ReadCapacityUnits,
    double WriteCapacityUnits,
    long GetItemRequests,
    long QueryRequests,
    long PutItemRequests,
    long BatchWriteItemRequests,
    long Retries)
{
    /// <summary>Scan requests sent (one per page) by an operator's listing, retries included; turns never scan.</summary>
    public long ScanRequests { get; init; }

    /// <summary>All requests sent.</summary>
    public long TotalRequests => GetItemRequests + QueryRequests + PutItemRequests + BatchWriteItemRequests + ScanRequests;

    /// <summary>The usage between two snapshots.</summary>
    public static DynamoDbUsageSnapshot operator -(DynamoDbUsageSnapshot later, DynamoDbUsageSnapshot earlier) => new(
        later.ReadCapacityUnits - earlier.ReadCapacityUnits,
        later.WriteCapacityUnits - earlier.WriteCapacityUnits,
        later.GetItemRequests - earlier.GetItemRequests,
        later.QueryRequests - earlier.QueryRequests,
        later.PutItemRequests - earlier.PutItemRequests,
        later.BatchWriteItemRequests - earlier.BatchWriteItemRequests,
        later.Retries - earlier.Retries)
    {
        ScanRequests = later.ScanRequests - earlier.ScanRequests,
    };

    /// <summary>The usage between two snapshots.</summary>
    public static DynamoDbUsageSnapshot Subtract(DynamoDbUsageSnapshot later, DynamoDbUsageSnapshot earlier) => later - earlier;
}
