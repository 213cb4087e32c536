namespace LambdaWorkflow.Aws.Idempotency;

/// <summary>Where and how <see cref="DynamoDbIdempotencyStore"/> keeps its records.</summary>
public sealed class DynamoDbIdempotencyOptions
{
    /// <summary>The table. It may be the workflow state table: records live in partitions of their own (<see cref="KeyPrefix"/>).</summary>
    public string TableName { get; set; } = string.Empty;

    /// <summary>The partition key attribute (string). Default <c>pk</c>.</summary>
    public string PartitionKeyName { get; set; } = "pk";

    /// <summary>The sort key attribute (string), or null when the table has none. Default <c>sk</c>.</summary>
    public string? SortKeyName { get; set; } = "sk";

    /// <summary>The sort key value of every record, when the table has a sort key. Default <c>idempotency</c>.</summary>
    public string SortKeyValue { get; set; } = "idempotency";

    /// <summary>Prefixed to record keys in the partition key, so records never collide with other items. Default <c>idem#</c>.</summary>
    public string KeyPrefix { get; set; } = "idem#";

    /// <summary>
    /// The attribute holding the expiry in epoch seconds: enable DynamoDB TTL on it to have expired records deleted
    /// (within days; readers ignore expired records meanwhile). Default <c>ttl</c>.
    /// </summary>
    public string TimeToLiveAttributeName { get; set; } = "ttl";

    /// <summary>Retries of throttled, failed (5xx) or unreachable requests, besides the SDK's own. Default 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first retry's median delay; it doubles per retry, with jitter. Default 50 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The clock of retry delays. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(TableName, nameof(TableName));
        ArgumentException.ThrowIfNullOrWhiteSpace(PartitionKeyName, nameof(PartitionKeyName));
        ArgumentException.ThrowIfNullOrWhiteSpace(SortKeyValue, nameof(SortKeyValue));
        ArgumentException.ThrowIfNullOrWhiteSpace(TimeToLiveAttributeName, nameof(TimeToLiveAttributeName));
        ArgumentNullException.ThrowIfNull(KeyPrefix, nameof(KeyPrefix));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetryAttempts, nameof(MaxRetryAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryBaseDelay, TimeSpan.Zero, nameof(RetryBaseDelay));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }
}
