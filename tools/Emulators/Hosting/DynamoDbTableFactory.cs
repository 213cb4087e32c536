using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace LambdaWorkflow.Emulators;

/// <summary>Creates tables with the runtime's single-table key schema (DESIGN.md §5).</summary>
internal static class DynamoDbTableFactory
{
    /// <summary>The partition key attribute (string): one partition per workflow instance.</summary>
    public const string PartitionKey = "pk";

    /// <summary>The sort key attribute (string): the metadata item and history items by sequence.</summary>
    public const string SortKey = "sk";

    private static readonly TimeSpan FirstPollDelay = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxPollDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ActiveTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Creates an on-demand table keyed by <c>pk</c>/<c>sk</c> and waits until it is ACTIVE.</summary>
    public static async Task<TableDescription> CreateSingleTableAsync(
        IAmazonDynamoDB dynamoDb, string tableName, CancellationToken cancellationToken)
    {
        var request = new CreateTableRequest
        {
            TableName = tableName,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions =
            [
                new AttributeDefinition(PartitionKey, ScalarAttributeType.S),
                new AttributeDefinition(SortKey, ScalarAttributeType.S),
            ],
            KeySchema =
            [
                new KeySchemaElement(PartitionKey, KeyType.HASH),
                new KeySchemaElement(SortKey, KeyType.RANGE),
            ],
        };
        var table = (await dynamoDb.CreateTableAsync(request, cancellationToken).ConfigureAwait(false)).TableDescription;

        // Real DynamoDB keeps a new table CREATING for seconds; the emulator is started to skip that (it
        // answers CREATING once, ACTIVE right after). Backing off from a short delay suits both.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ActiveTimeout);
        try
        {
            for (var delay = FirstPollDelay; table.TableStatus != TableStatus.ACTIVE; delay = Min(delay * 2, MaxPollDelay))
            {
                await Task.Delay(delay, timeout.Token).ConfigureAwait(false);
                table = (await dynamoDb.DescribeTableAsync(tableName, timeout.Token).ConfigureAwait(false)).Table;
            }
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EmulatorException(
                $"Table '{tableName}' was still {table.TableStatus} after {ActiveTimeout}.", exception);
        }

        return table;
    }

    private static TimeSpan Min(TimeSpan left, TimeSpan right) => left < right ? left : right;
}
