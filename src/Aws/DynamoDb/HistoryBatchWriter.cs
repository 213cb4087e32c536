using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace LambdaWorkflow.Aws.DynamoDb;

/// <summary>
/// Writes a turn's history items with BatchWriteItem, 25 to a request (DynamoDB's limit), resending whatever
/// DynamoDB returns as unprocessed with the runner's backoff until all are written or the retries run out.
/// The puts are idempotent (keyed by sequence), so resending an item that was in fact written is harmless.
/// </summary>
internal sealed class HistoryBatchWriter(IAmazonDynamoDB client, DynamoDbRequestRunner runner, DynamoDbUsage usage, string tableName)
{
    /// <summary>Most items in one BatchWriteItem request.</summary>
    public const int MaxItemsPerBatch = 25;

    /// <summary>Writes the items; batches go out concurrently, since a turn waits for all of them anyway.</summary>
    public Task WriteAsync(string instanceId, IReadOnlyList<Dictionary<string, AttributeValue>> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return Task.CompletedTask;
        }

        if (items.Count <= MaxItemsPerBatch)
        {
            return WriteBatchAsync(instanceId, Puts(items), cancellationToken);
        }

        return Task.WhenAll(items.Chunk(MaxItemsPerBatch).Select(batch => WriteBatchAsync(instanceId, Puts(batch), cancellationToken)));
    }

    /// <summary>Deletes the items with these keys; deleting an item that is already gone is harmless.</summary>
    public Task DeleteAsync(string instanceId, IReadOnlyList<Dictionary<string, AttributeValue>> keys, CancellationToken cancellationToken) =>
        Task.WhenAll(keys.Chunk(MaxItemsPerBatch).Select(batch =>
            WriteBatchAsync(instanceId, [.. batch.Select(key => new WriteRequest { DeleteRequest = new DeleteRequest { Key = key } })], cancellationToken)));

    private static List<WriteRequest> Puts(IEnumerable<Dictionary<string, AttributeValue>> items) =>
        [.. items.Select(item => new WriteRequest { PutRequest = new PutRequest { Item = item } })];

    private async Task WriteBatchAsync(string instanceId, List<WriteRequest> pending, CancellationToken cancellationToken)
    {
        await runner.SendAsync(
            DynamoDbOperation.BatchWriteItem,
            instanceId,
            async token =>
            {
                var response = await client.BatchWriteItemAsync(
                    new BatchWriteItemRequest
                    {
                        RequestItems = new Dictionary<string, List<WriteRequest>>(StringComparer.Ordinal) { [tableName] = pending },
                        ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                    },
                    token).ConfigureAwait(false);
                usage.RecordWrite(response.ConsumedCapacity);

                // SDK v4 leaves collections null when the response has none.
                var sent = pending.Count;
                pending = response.UnprocessedItems is { } unprocessed && unprocessed.TryGetValue(tableName, out var left) && left is { Count: > 0 }
                    ? left
                    : [];
                return pending.Count == 0 ? sent : throw new UnprocessedItemsException(pending.Count, sent);
            },
            cancellationToken).ConfigureAwait(false);
    }
}
