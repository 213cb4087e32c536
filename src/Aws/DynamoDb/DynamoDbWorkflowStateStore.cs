using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LambdaWorkflow.Orchestrator.State;
using A = LambdaWorkflow.Aws.DynamoDb.StateAttributes;

namespace LambdaWorkflow.Aws.DynamoDb;

/// <summary>
/// Workflow state in one DynamoDB table, without transactions: a commit writes the turn's history items
/// (BatchWriteItem, idempotent puts keyed by sequence), then puts the metadata item on condition that it is still
/// at the version the turn read. Readers take only the first <see cref="InstanceMetadata.EventCount"/> history
/// items, so a commit that dies between the two writes leaves nothing visible. Layout: <see cref="StateAttributes"/>.
/// </summary>
public sealed class DynamoDbWorkflowStateStore : IWorkflowStateStore
{
    private const string HistoryRange = "#pk = :pk AND #sk BETWEEN :first AND :last";

    private static readonly Dictionary<string, string> KeyNames = new(StringComparer.Ordinal)
    {
        ["#pk"] = A.PartitionKey,
        ["#sk"] = A.SortKey,
    };

    private readonly IAmazonDynamoDB _client;
    private readonly DynamoDbStateStoreOptions _options;
    private readonly DynamoDbRequestRunner _runner;
    private readonly HistoryBatchWriter _historyWriter;

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
        _historyWriter = new HistoryBatchWriter(client, _runner, Usage, options.TableName);
    }

    /// <summary>Requests sent and capacity units consumed so far.</summary>
    public DynamoDbUsage Usage { get; } = new();

    /// <summary>The table.</summary>
    public string TableName => _options.TableName;

    /// <inheritdoc />
    public async Task<InstanceSnapshot?> LoadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var metadata = await GetMetadataAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (metadata is null)
        {
            return null;
        }

        var history = metadata.EventCount == metadata.FirstSequence
            ? []
            : await QueryHistoryAsync(metadata, cancellationToken).ConfigureAwait(false);
        return new InstanceSnapshot(metadata, history);
    }

    /// <inheritdoc />
    public async Task<InstanceMetadata?> GetMetadataAsync(string instanceId, CancellationToken cancellationToken = default)
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
                    ConsistentRead = _options.ConsistentReads,
                    ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                },
                token),
            cancellationToken).ConfigureAwait(false);
        Usage.RecordRead(response.ConsumedCapacity);

        // SDK v4: Item is null when there is no such item.
        return response.Item is { Count: > 0 } item ? StateItemMapper.ToMetadata(item) : null;
    }

    /// <inheritdoc />
    public async Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var instanceId = commit.Metadata.InstanceId;
        ArgumentException.ThrowIfNullOrEmpty(instanceId, nameof(commit));

        // Build and size every item first: an oversized one fails the commit before anything is written.
        var history = new List<Dictionary<string, AttributeValue>>(commit.NewEvents.Count);
        foreach (var historyEvent in commit.NewEvents)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(historyEvent.Sequence, nameof(commit));
            var item = StateItemMapper.ToItem(instanceId, historyEvent);
            ThrowIfTooLarge(item, DynamoDbOperation.BatchWriteItem, instanceId, historyEvent.Sequence);
            history.Add(item);
        }

        var metadataItem = StateItemMapper.ToItem(commit.Metadata, ExpiresAt(commit.Metadata));
        ThrowIfTooLarge(metadataItem, DynamoDbOperation.PutItem, instanceId, sequence: null);

        try
        {
            await _historyWriter.WriteAsync(instanceId, history, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonDynamoDBException exception) when (DynamoDbErrors.IsItemTooLarge(exception))
        {
            // Our size check is DynamoDB's published rule; should DynamoDB still disagree, name the likeliest item.
            var largest = commit.NewEvents.Zip(history).MaxBy(pair => ItemSizeCalculator.Of(pair.Second));
            throw new DynamoDbItemTooLargeException(
                TableName, nameof(DynamoDbOperation.BatchWriteItem), instanceId, largest.First.Sequence, itemSize: null, exception);
        }

        await PutMetadataAsync(commit, metadataItem, cancellationToken).ConfigureAwait(false);
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

    private async Task<HistoryEvent[]> QueryHistoryAsync(InstanceMetadata metadata, CancellationToken cancellationToken)
    {
        var instanceId = metadata.InstanceId;
        var history = new HistoryEvent[metadata.EventCount - metadata.FirstSequence];
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [":pk"] = AttributeValues.String(StateKeys.Partition(instanceId)),
            [":first"] = AttributeValues.String(StateKeys.History(metadata.FirstSequence)),
            [":last"] = AttributeValues.String(StateKeys.History(metadata.EventCount - 1)),
        };
        var loaded = 0;
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            // DynamoDB returns at most 1 MB a page; LastEvaluatedKey says where the next one starts.
            var request = new QueryRequest
            {
                TableName = TableName,
                KeyConditionExpression = HistoryRange,
                ExpressionAttributeNames = KeyNames,
                ExpressionAttributeValues = values,
                ConsistentRead = _options.ConsistentReads,
                ExclusiveStartKey = startKey,
                ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
            };
            var page = await _runner.SendAsync(
                DynamoDbOperation.Query, instanceId, token => _client.QueryAsync(request, token), cancellationToken).ConfigureAwait(false);
            Usage.RecordRead(page.ConsumedCapacity);
            foreach (var item in page.Items ?? [])
            {
                var historyEvent = StateItemMapper.ToHistoryEvent(item);
                if (historyEvent.Sequence != metadata.FirstSequence + loaded)
                {
                    throw MissingHistory(instanceId, metadata.EventCount, metadata.FirstSequence + loaded);
                }

                history[loaded++] = historyEvent;
            }

            startKey = page.LastEvaluatedKey is { Count: > 0 } next && loaded < history.Length ? next : null;
        }
        while (startKey is not null);

        if (loaded != history.Length)
        {
            throw MissingHistory(instanceId, metadata.EventCount, metadata.FirstSequence + loaded);
        }

        return history;
    }

    private Exception MissingHistory(string instanceId, int expected, int loaded)
    {
        var message = $"Instance '{instanceId}' in table '{TableName}' commits {expected} history events, but event {loaded} could not be read.";

        // An eventually consistent read may not see the latest items yet; a consistent one always should.
        return _options.ConsistentReads
            ? new DynamoDbStateStoreException(message + " The history items were changed outside the store.", TableName, nameof(DynamoDbOperation.Query), instanceId)
            : new StateStoreUnavailableException(message + " Eventually consistent reads may lag; retry.");
    }

    private DateTimeOffset? ExpiresAt(InstanceMetadata metadata) =>
        _options.FinishedInstanceTtlDays is { } days && metadata.Status is WorkflowStatus.Completed or WorkflowStatus.Failed or WorkflowStatus.Cancelled
            ? metadata.UpdatedAt.AddDays(days)
            : null;

    private void ThrowIfTooLarge(Dictionary<string, AttributeValue> item, DynamoDbOperation operation, string instanceId, int? sequence)
    {
        var size = ItemSizeCalculator.Of(item);
        if (size > ItemSizeCalculator.MaxItemBytes)
        {
            throw new DynamoDbItemTooLargeException(TableName, operation.ToString(), instanceId, sequence, size);
        }
    }
}
