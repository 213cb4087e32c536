using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.Aws.DynamoDb;

/// <summary>Settings of the <see cref="DynamoDbWorkflowStateStore"/>.</summary>
/// <remarks>
/// The store's retries wrap the SDK client's own: each attempt here is one SDK call, which the client may
/// itself retry (DynamoDB clients default to 10 retries). Lower the client's <c>MaxErrorRetry</c> to keep the
/// total wait well inside the Lambda timeout and the inbox queue's visibility timeout.
/// </remarks>
public sealed class DynamoDbStateStoreOptions
{
    /// <summary>The table, keyed by string <c>pk</c> (partition) and string <c>sk</c> (sort). Required.</summary>
    public string TableName { get; set; } = string.Empty;

    /// <summary>
    /// Reads the metadata and history with strongly consistent reads (twice the read units of eventually
    /// consistent ones). Default true: a turn that reads stale state loses its version race and is redone, which
    /// costs more than the consistent read saves.
    /// </summary>
    public bool ConsistentReads { get; set; } = true;

    /// <summary>
    /// Days a completed, failed or cancelled instance is kept: its metadata item gets the <c>ttl</c> attribute
    /// (epoch seconds, from the finishing turn's time), which DynamoDB's Time to Live deletes once enabled on the
    /// table for that attribute. Faulted instances never expire: they wait for a fix. Null sets no TTL. Default 30.
    /// </summary>
    public int? FinishedInstanceTtlDays { get; set; } = 30;

    /// <summary>
    /// The metadata item's size, in bytes, up to which it also carries the run's newest history events (its tail), so
    /// that a turn writes one item. DynamoDB bills a write unit per started kilobyte, so the default, 1024, keeps a
    /// typical turn at one write unit; when the tail would make the item larger (or larger than the whole kilobytes the
    /// rest of the item needs anyway), the commit moves the tail into a segment item. 0 moves every turn's events out.
    /// At most 400 KB, DynamoDB's item limit.
    /// </summary>
    public int MetadataItemTargetBytes { get; set; } = 1024;

    /// <summary>
    /// How many instances' tails the store remembers from its last read or commit, so that committing a turn does not
    /// read the metadata item again (a miss costs one consistent read). Default 1000; 0 remembers none.
    /// </summary>
    public int CachedInstances { get; set; } = 1000;

    /// <summary>Retries after the first attempt of a throttled or failed request; 0 disables retrying. Default 5.</summary>
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>The median delay before the first retry; it doubles with each retry. Default 50 ms; zero retries at once.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest delay between two attempts. Default 2 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Randomizes the delays (decorrelated jitter) so that throttled writers do not retry in step. Default true.</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>Whether a circuit breaker stops sending while DynamoDB keeps failing (default true).</summary>
    public bool CircuitBreaker { get; set; } = true;

    /// <summary>Share of transient failures, over <see cref="BreakerSamplingDuration"/>, that opens the circuit (default 0.5).</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Requests seen in the sampling window before the breaker may open (default 20).</summary>
    public int BreakerMinimumThroughput { get; set; } = 20;

    /// <summary>The window over which failures are counted (default 10 s).</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the circuit stays open before one trial request (default 5 s).</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock of retry delays.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Whether a commit that starts a new run (continue-as-new) then deletes the earlier runs' segment items, which
    /// nothing reads any more (default true). Best effort, after the commit: a failure is logged and leaves them. It
    /// costs a query and a delete of each segment, billed by size (a full segment, 400 KB, is 400 write units), once;
    /// kept, a segment costs only storage, but an endless workflow's would pile up forever.
    /// </summary>
    public bool DeleteEarlierRuns { get; set; } = true;

    /// <summary>Logging of retries; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Throws when a setting is missing or out of range.</summary>
    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(TableName, nameof(TableName));
        if (FinishedInstanceTtlDays is { } days)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(days, 1, nameof(FinishedInstanceTtlDays));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(days, 36_500, nameof(FinishedInstanceTtlDays));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(MetadataItemTargetBytes, nameof(MetadataItemTargetBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MetadataItemTargetBytes, ItemSizeCalculator.MaxItemBytes, nameof(MetadataItemTargetBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(CachedInstances, nameof(CachedInstances));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetryAttempts, nameof(MaxRetryAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseDelay, TimeSpan.Zero, nameof(BaseDelay));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BaseDelay, TimeSpan.FromDays(1), nameof(BaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, BaseDelay, nameof(MaxDelay));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxDelay, TimeSpan.FromDays(1), nameof(MaxDelay));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }
}
