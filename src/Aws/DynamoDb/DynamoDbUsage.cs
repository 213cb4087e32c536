using Amazon.DynamoDBv2.Model;

namespace LambdaWorkflow.Aws.DynamoDb;

/// <summary>
/// Running totals of a store's DynamoDB requests and the capacity units DynamoDB reported for them
/// (every request asks for <c>ReturnConsumedCapacity = TOTAL</c>). Thread-safe; the cost model reads it per step.
/// </summary>
public sealed class DynamoDbUsage
{
    private readonly Lock _lock = new();
    private DynamoDbUsageSnapshot _totals;

    /// <summary>The totals so far.</summary>
    public DynamoDbUsageSnapshot Snapshot()
    {
        lock (_lock)
        {
            return _totals;
        }
    }

    /// <summary>Counts a request about to be sent.</summary>
    internal void RecordRequest(DynamoDbOperation operation)
    {
        lock (_lock)
        {
            _totals = operation switch
            {
                DynamoDbOperation.GetItem => _totals with { GetItemRequests = _totals.GetItemRequests + 1 },
                DynamoDbOperation.Query => _totals with { QueryRequests = _totals.QueryRequests + 1 },
                DynamoDbOperation.PutItem => _totals with { PutItemRequests = _totals.PutItemRequests + 1 },
                DynamoDbOperation.BatchWriteItem => _totals with { BatchWriteItemRequests = _totals.BatchWriteItemRequests + 1 },
                DynamoDbOperation.Scan => _totals with { ScanRequests = _totals.ScanRequests + 1 },
                _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
            };
        }
    }

    /// <summary>Counts a request sent again.</summary>
    internal void RecordRetry()
    {
        lock (_lock)
        {
            _totals = _totals with { Retries = _totals.Retries + 1 };
        }
    }

    /// <summary>Adds the capacity a read reported.</summary>
    internal void RecordRead(ConsumedCapacity? consumed) => Add(read: Units(consumed), write: 0);

    /// <summary>Adds the capacity a write reported.</summary>
    internal void RecordWrite(ConsumedCapacity? consumed) => Add(read: 0, write: Units(consumed));

    /// <summary>Adds the capacity a batch write reported (one entry per table).</summary>
    internal void RecordWrite(List<ConsumedCapacity>? consumed)
    {
        if (consumed is not null)
        {
            Add(read: 0, write: consumed.Sum(Units));
        }
    }

    // With TOTAL, DynamoDB reports CapacityUnits; the read/write split follows from the operation.
    private static double Units(ConsumedCapacity? consumed) => consumed?.CapacityUnits ?? 0;

    private void Add(double read, double write)
    {
        lock (_lock)
        {
            _totals = _totals with
            {
                ReadCapacityUnits = _totals.ReadCapacityUnits + read,
                WriteCapacityUnits = _totals.WriteCapacityUnits + write,
            };
        }
    }
}
