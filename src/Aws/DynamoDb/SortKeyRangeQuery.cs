using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using A = LambdaWorkflow.Aws.DynamoDb.StateAttributes;

namespace LambdaWorkflow.Aws.DynamoDb;

/// <summary>Reads the items of one instance whose sort keys lie in a range, in sort key order, page by page.</summary>
internal sealed class SortKeyRangeQuery(IAmazonDynamoDB client, DynamoDbRequestRunner runner, DynamoDbUsage usage, string tableName)
{
    private const string Range = "#pk = :pk AND #sk BETWEEN :first AND :last";

    private static readonly Dictionary<string, string> KeyNames = new(StringComparer.Ordinal)
    {
        ["#pk"] = A.PartitionKey,
        ["#sk"] = A.SortKey,
    };

    /// <summary>Hands every item from <paramref name="first"/> to <paramref name="last"/> (both included) to <paramref name="read"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="first">The first sort key.</param>
    /// <param name="last">The last sort key.</param>
    /// <param name="consistent">Whether to read consistently.</param>
    /// <param name="read">Takes an item; returns false once it needs no more.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task ReadAsync(
        string instanceId, string first, string last, bool consistent, Func<Dictionary<string, AttributeValue>, bool> read, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [":pk"] = AttributeValues.String(StateKeys.Partition(instanceId)),
            [":first"] = AttributeValues.String(first),
            [":last"] = AttributeValues.String(last),
        };
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            // DynamoDB returns at most 1 MB a page; LastEvaluatedKey says where the next one starts.
            var request = new QueryRequest
            {
                TableName = tableName,
                KeyConditionExpression = Range,
                ExpressionAttributeNames = KeyNames,
                ExpressionAttributeValues = values,
                ConsistentRead = consistent,
                ExclusiveStartKey = startKey,
                ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
            };
            var page = await runner.SendAsync(
                DynamoDbOperation.Query, instanceId, token => client.QueryAsync(request, token), cancellationToken).ConfigureAwait(false);
            usage.RecordRead(page.ConsumedCapacity);
            var more = true;
            foreach (var item in page.Items ?? [])
            {
                more = read(item);
                if (!more)
                {
                    break;
                }
            }

            startKey = more && page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (startKey is not null);
    }
}
