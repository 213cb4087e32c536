using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LambdaWorkflow.Orchestrator.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using A = LambdaWorkflow.Aws.DynamoDb.StateAttributes;

namespace LambdaWorkflow.Aws.DynamoDb;

/// <summary>
/// Workflow state in one DynamoDB table, without transactions. The run's newest events (the tail) live in the
/// metadata item, so a typical turn is one conditional PutItem and a load one GetItem. When the tail outgrows
/// <see cref="DynamoDbStateStoreOptions.MetadataItemTargetBytes"/>, the commit first writes it as segment items
/// (idempotent puts keyed by their first sequence), then puts the metadata item on condition that it is still at the
/// version the turn read. Readers take segments only up to the committed tail start, so a commit that dies between
/// the two writes leaves nothing visible. Layout: <see cref="StateAttributes"/>.
/// </summary>
public sealed class DynamoDbWorkflowStateStore : IWorkflowStateStore
{
    private readonly IAmazonDynamoDB _client;
    private readonly DynamoDbStateStoreOptions _options;
    private readonly DynamoDbRequestRunner _runner;
    private readonly HistoryBatchWriter _segmentWriter;
    private readonly SortKeyRangeQuery _rangeQuery;
    private readonly LayoutCache _layouts;
    private readonly ILogger _logger;

    /// <summary>Creates the store over a client the caller owns (and disposes).</summary>
    /// <param name="client">The DynamoDB client; its <c>ServiceURL</c> may point at an emulator.</param>
    /// <param name="options">Settings; <see cref="DynamoDbStateStoreOptions.TableName"/> is required.</param>
    public DynamoDbWorkflowStateStore(IAmazonDynamoDB client, DynamoDbStateStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _client = client;
        _options = options;
        _runner = new DynamoDbRequestRunner(options, Usage);
        _segmentWriter = new HistoryBatchWriter(client, _runner, Usage, options.TableName);
        _rangeQuery = new SortKeyRangeQuery(client, _runner, Usage, options.TableName);
        _layouts = new LayoutCache(options.CachedInstances);
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<DynamoDbWorkflowStateStore>();
    }

    /// <summary>Requests sent and capacity units consumed so far.</summary>
    public DynamoDbUsage Usage { get; } = new();

    /// <summary>The table.</summary>
    public string TableName => _options.TableName;

    /// <inheritdoc />
    public async Task<InstanceSnapshot?> LoadAsync(string instanceId, CancellationToken cancellationToken = default) =>
        (await ReadAsync(instanceId, _options.ConsistentReads, cancellationToken).ConfigureAwait(false))?.Snapshot;

    /// <inheritdoc />
    public async Task<InstanceMetadata?> GetMetadataAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var item = await GetItemAsync(instanceId, _options.ConsistentReads, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return null;
        }

        var metadata = StateItemMapper.ToMetadata(item);

        // The item carries its tail: remember it, so that a commit after this read (the warm path) need not read again.
        if (AttributeValues.FindNumber(item, A.TailStart) is { } tailStart)
        {
            var slices = new List<ReadOnlyMemory<byte>>();
            HistoryBlob.Split(AttributeValues.GetBytes(item, A.Events), slices);
            var tail = HistoryEventBinary.DeserializeHistory(slices);
            _layouts.Remember(instanceId, new InstanceLayout(metadata.Version, metadata.CreatedAt, metadata.FirstSequence, (int)tailStart, Stored(tail, slices, 0)));
        }

        return metadata;
    }

    /// <inheritdoc />
    public async Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var instanceId = commit.Metadata.InstanceId;
        ArgumentException.ThrowIfNullOrEmpty(instanceId, nameof(commit));

        var prior = commit.ExpectedVersion == 0 ? null : await PriorLayoutAsync(commit, cancellationToken).ConfigureAwait(false);

        // Plan and size every item first: an oversized one fails the commit before anything is written.
        var metadataItem = StateItemMapper.ToItem(commit.Metadata, ExpiresAt(commit.Metadata));
        var plan = CommitPlanner.Plan(TableName, prior, commit, metadataItem, _options.MetadataItemTargetBytes);
        if (plan.Segments.Count > 0)
        {
            try
            {
                await _segmentWriter.WriteAsync(instanceId, [.. plan.Segments.Select(s => s.Item)], cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonDynamoDBException exception) when (DynamoDbErrors.IsItemTooLarge(exception))
            {
                // Our size check is DynamoDB's published rule; should DynamoDB still disagree, name the likeliest item.
                var largest = plan.Segments.MaxBy(s => ItemSizeCalculator.Of(s.Item));
                throw new DynamoDbItemTooLargeException(
                    TableName, nameof(DynamoDbOperation.BatchWriteItem), instanceId, largest.FirstSequence, itemSize: null, exception);
            }
        }

        await PutMetadataAsync(commit, plan.MetadataItem, cancellationToken).ConfigureAwait(false);
        _layouts.Remember(instanceId, plan.Layout);
        if (_options.DeleteEarlierRuns && prior is not null && commit.Metadata.FirstSequence > prior.FirstSequence)
        {
            await DeleteEarlierRunsAsync(instanceId, commit.Metadata.FirstSequence, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Deletes the segments before <paramref name="firstSequence"/>, once the commit that starts a new run there has
    /// made them unreadable. Best effort and idempotent: a failure (or a crash) only leaves items nothing reads.
    /// </summary>
    private async Task DeleteEarlierRunsAsync(string instanceId, int firstSequence, CancellationToken cancellationToken)
    {
        try
        {
            var keys = new List<Dictionary<string, AttributeValue>>();
            await _rangeQuery.ReadAsync(
                instanceId,
                StateKeys.Segment(0),
                StateKeys.Segment(firstSequence - 1),
                consistent: false,
                item =>
                {
                    keys.Add(new Dictionary<string, AttributeValue>(2, StringComparer.Ordinal) { [A.PartitionKey] = item[A.PartitionKey], [A.SortKey] = item[A.SortKey] });
                    return true;
                },
                cancellationToken).ConfigureAwait(false);
            await _segmentWriter.DeleteAsync(instanceId, keys, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
        {
            DynamoDbLog.CleanupFailed(_logger, TableName, instanceId, exception);
        }
    }

    /// <summary>The layout of the version the commit read: remembered from that read, or read again.</summary>
    private async Task<InstanceLayout> PriorLayoutAsync(InstanceCommit commit, CancellationToken cancellationToken)
    {
        var metadata = commit.Metadata;
        if (_layouts.Find(metadata.InstanceId, commit.ExpectedVersion, metadata.CreatedAt) is { } remembered)
        {
            return remembered;
        }

        // Consistent, whatever the options say: a stale read here would only turn into a needless conflict.
        var current = await ReadAsync(metadata.InstanceId, consistent: true, cancellationToken).ConfigureAwait(false);
        return current is { } read && read.Layout.Version == commit.ExpectedVersion
            ? read.Layout
            : throw new ConcurrencyConflictException(metadata.InstanceId, commit.ExpectedVersion);
    }

    private async Task<(InstanceSnapshot Snapshot, InstanceLayout Layout)?> ReadAsync(string instanceId, bool consistent, CancellationToken cancellationToken)
    {
        var item = await GetItemAsync(instanceId, consistent, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return null;
        }

        var metadata = StateItemMapper.ToMetadata(item);
        var read = AttributeValues.FindNumber(item, A.TailStart) is { } tailStart
            ? await ReadSegmentsAndTailAsync(item, metadata, (int)tailStart, consistent, cancellationToken).ConfigureAwait(false)
            : await ReadPreviousLayoutAsync(metadata, consistent, cancellationToken).ConfigureAwait(false);
        _layouts.Remember(instanceId, read.Layout);
        return read;
    }

    private async Task<(InstanceSnapshot Snapshot, InstanceLayout Layout)> ReadSegmentsAndTailAsync(
        Dictionary<string, AttributeValue> item, InstanceMetadata metadata, int tailStart, bool consistent, CancellationToken cancellationToken)
    {
        var slices = new List<ReadOnlyMemory<byte>>();
        if (tailStart > metadata.FirstSequence)
        {
            var next = metadata.FirstSequence;
            await _rangeQuery.ReadAsync(
                metadata.InstanceId,
                StateKeys.Segment(metadata.FirstSequence),
                StateKeys.Segment(tailStart - 1),
                consistent,
                segment =>
                {
                    // Only the chain the committed writes laid down counts: each segment starts where the one before
                    // ended. A segment off it (a dead turn's, or an expired instance's under the same id) is skipped.
                    if (string.Equals(segment[A.SortKey].S, StateKeys.Segment(next), StringComparison.Ordinal))
                    {
                        var before = slices.Count;
                        HistoryBlob.Split(AttributeValues.GetBytes(segment, A.Events), slices);
                        next += slices.Count - before;
                    }

                    return next < tailStart;
                },
                cancellationToken).ConfigureAwait(false);
        }

        var inSegments = slices.Count;
        HistoryBlob.Split(AttributeValues.GetBytes(item, A.Events), slices);
        var history = HistoryEventBinary.DeserializeHistory(slices);
        for (var i = 0; i < history.Length; i++)
        {
            if (history[i].Sequence != metadata.FirstSequence + i || (i == inSegments && history[i].Sequence != tailStart))
            {
                throw MissingHistory(metadata, metadata.FirstSequence + i, consistent);
            }
        }

        if (history.Length != metadata.EventCount - metadata.FirstSequence || inSegments != tailStart - metadata.FirstSequence)
        {
            throw MissingHistory(metadata, metadata.FirstSequence + Math.Min(history.Length, inSegments), consistent);
        }

        return (new InstanceSnapshot(metadata, history), new InstanceLayout(metadata.Version, metadata.CreatedAt, metadata.FirstSequence, tailStart, Stored(history, slices, inSegments)));
    }

    /// <summary>Reads an instance written before segments existed: one history item per event.</summary>
    private async Task<(InstanceSnapshot Snapshot, InstanceLayout Layout)> ReadPreviousLayoutAsync(InstanceMetadata metadata, bool consistent, CancellationToken cancellationToken)
    {
        var history = new HistoryEvent[metadata.EventCount - metadata.FirstSequence];
        var loaded = 0;
        if (history.Length > 0)
        {
            await _rangeQuery.ReadAsync(
                metadata.InstanceId,
                StateKeys.History(metadata.FirstSequence),
                StateKeys.History(metadata.EventCount - 1),
                consistent,
                item =>
                {
                    var historyEvent = StateItemMapper.ToHistoryEvent(item);
                    if (historyEvent.Sequence != metadata.FirstSequence + loaded)
                    {
                        throw MissingHistory(metadata, metadata.FirstSequence + loaded, consistent);
                    }

                    history[loaded++] = historyEvent;
                    return loaded < history.Length;
                },
                cancellationToken).ConfigureAwait(false);
        }

        if (loaded != history.Length)
        {
            throw MissingHistory(metadata, metadata.FirstSequence + loaded, consistent);
        }

        // The next commit moves the whole run into segments and the tail; the old items are no longer read after it.
        var tail = history.Select(StoredEvent.Of).ToList();
        return (new InstanceSnapshot(metadata, history), new InstanceLayout(metadata.Version, metadata.CreatedAt, metadata.FirstSequence, metadata.FirstSequence, tail));
    }

    private async Task<Dictionary<string, AttributeValue>?> GetItemAsync(string instanceId, bool consistent, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var response = await _runner.SendAsync(
            DynamoDbOperation.GetItem,
            instanceId,
            token => _client.GetItemAsync(
                new GetItemRequest
                {
                    TableName = TableName,
                    Key = StateKeys.MetadataKey(instanceId),
                    ConsistentRead = consistent,
                    ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                },
                token),
            cancellationToken).ConfigureAwait(false);
        Usage.RecordRead(response.ConsumedCapacity);

        // SDK v4: Item is null when there is no such item.
        return response.Item is { Count: > 0 } item ? item : null;
    }

    private async Task PutMetadataAsync(InstanceCommit commit, Dictionary<string, AttributeValue> item, CancellationToken cancellationToken)
    {
        var instanceId = commit.Metadata.InstanceId;
        var request = new PutItemRequest
        {
            TableName = TableName,
            Item = item,
            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
        };
        if (commit.ExpectedVersion == 0)
        {
            request.ConditionExpression = "attribute_not_exists(#pk)";
            request.ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#pk"] = A.PartitionKey };
        }
        else
        {
            request.ConditionExpression = "#v = :expected";
            request.ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#v"] = A.Version };
            request.ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            {
                [":expected"] = AttributeValues.Number(commit.ExpectedVersion),
            };
        }

        try
        {
            var response = await _runner.SendAsync(
                DynamoDbOperation.PutItem, instanceId, token => _client.PutItemAsync(request, token), cancellationToken).ConfigureAwait(false);
            Usage.RecordWrite(response.ConsumedCapacity);
        }
        catch (ConditionalCheckFailedException)
        {
            throw new ConcurrencyConflictException(instanceId, commit.ExpectedVersion);
        }
        catch (AmazonDynamoDBException exception) when (DynamoDbErrors.IsItemTooLarge(exception))
        {
            throw new DynamoDbItemTooLargeException(TableName, nameof(DynamoDbOperation.PutItem), instanceId, sequence: null, itemSize: null, exception);
        }
    }

    private static List<StoredEvent> Stored(HistoryEvent[] history, List<ReadOnlyMemory<byte>> slices, int from)
    {
        var stored = new List<StoredEvent>(history.Length - from);
        for (var i = from; i < history.Length; i++)
        {
            stored.Add(new StoredEvent(history[i].Sequence, slices[i].ToArray()));
        }

        return stored;
    }

    private Exception MissingHistory(InstanceMetadata metadata, int missing, bool consistent)
    {
        var message = $"Instance '{metadata.InstanceId}' in table '{TableName}' commits history events {metadata.FirstSequence} to {metadata.EventCount - 1}, but event {missing} could not be read.";

        // An eventually consistent read may not see the latest segment yet; a consistent one always should.
        return consistent
            ? new DynamoDbStateStoreException(message + " The history items were changed outside the store.", TableName, nameof(DynamoDbOperation.Query), metadata.InstanceId)
            : new StateStoreUnavailableException(message + " Eventually consistent reads may lag; retry.");
    }

    private DateTimeOffset? ExpiresAt(InstanceMetadata metadata) =>
        _options.FinishedInstanceTtlDays is { } days && metadata.Status is WorkflowStatus.Completed or WorkflowStatus.Failed or WorkflowStatus.Cancelled
            ? metadata.UpdatedAt.AddDays(days)
            : null;
}
