using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace LambdaWorkflow.IntegrationTests.Emulators;

/// <summary>The real DynamoDB SDK client against dynalite: the single-table operations the state store relies on.</summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class DynamoDbEmulatorTests(EmulatorFixture emulators)
{
    private const string Pk = DynamoDbTableFactory.PartitionKey;
    private const string Sk = DynamoDbTableFactory.SortKey;

    private readonly AmazonDynamoDBClient _dynamoDb = emulators.DynamoDb;

    [Fact]
    public async Task CreateTable_SingleTableSchema_IsActiveWithStringPkAndSk()
    {
        var name = UniqueName("schema");

        await emulators.Host.CreateTableAsync(name);

        var table = (await _dynamoDb.DescribeTableAsync(name)).Table;
        Assert.Equal(TableStatus.ACTIVE, table.TableStatus);
        Assert.Equal([(Pk, KeyType.HASH), (Sk, KeyType.RANGE)], table.KeySchema.Select(k => (k.AttributeName, k.KeyType)));
        Assert.All(table.AttributeDefinitions, definition => Assert.Equal(ScalarAttributeType.S, definition.AttributeType));
        Assert.Contains(name, (await _dynamoDb.ListTablesAsync()).TableNames);
    }

    [Fact]
    public async Task PutItem_AttributeNotExistsOnExistingKey_ThrowsConditionalCheckFailedAndKeepsItem()
    {
        var table = await NewTableAsync("put");
        var key = Key("wf#1", "meta");
        await _dynamoDb.PutItemAsync(CreateOnlyPut(table, key, "first"));

        await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => _dynamoDb.PutItemAsync(CreateOnlyPut(table, key, "second")));

        var stored = await _dynamoDb.GetItemAsync(new GetItemRequest { TableName = table, Key = key, ConsistentRead = true });
        Assert.Equal("first", stored.Item["payload"].S);
    }

    [Fact]
    public async Task Query_BeginsWithAndLimit_PagesThroughMatchesInSortKeyOrder()
    {
        var table = await NewTableAsync("query");
        var history = Enumerable.Range(1, 7).Select(i => $"hist#{i:D4}").ToList();
        foreach (var sk in history.Append("meta"))
        {
            await _dynamoDb.PutItemAsync(table, Key("wf#1", sk));
        }

        await _dynamoDb.PutItemAsync(table, Key("wf#2", "hist#0001"));

        var pages = new List<List<string>>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var page = await _dynamoDb.QueryAsync(new QueryRequest
            {
                TableName = table,
                KeyConditionExpression = "pk = :pk AND begins_with(sk, :prefix)",
                ExpressionAttributeValues = new() { [":pk"] = S("wf#1"), [":prefix"] = S("hist#") },
                Limit = 3,
                ExclusiveStartKey = startKey,
            });
            pages.Add((page.Items ?? []).Select(item => item[Sk].S).ToList());
            startKey = page.LastEvaluatedKey;
        }
        while (startKey is { Count: > 0 });

        Assert.Equal([3, 3, 1], pages.Select(page => page.Count));
        Assert.Equal(history, pages.SelectMany(page => page));
    }

    [Fact]
    public async Task BatchWriteItem_TwentyFiveItems_AllWrittenWithNothingUnprocessed()
    {
        var table = await NewTableAsync("batch");
        var writes = Enumerable.Range(1, 25)
            .Select(i => new WriteRequest(new PutRequest(Key("wf#batch", $"hist#{i:D4}"))))
            .ToList();

        var response = await _dynamoDb.BatchWriteItemAsync(new Dictionary<string, List<WriteRequest>> { [table] = writes });

        Assert.True(response.UnprocessedItems is null or { Count: 0 });
        var count = await _dynamoDb.QueryAsync(new QueryRequest
        {
            TableName = table,
            KeyConditionExpression = "pk = :pk",
            ExpressionAttributeValues = new() { [":pk"] = S("wf#batch") },
            Select = Select.COUNT,
        });
        Assert.Equal(25, count.Count);
    }

    [Fact]
    public async Task UpdateItem_VersionCondition_AppliesOnMatchAndRejectsStaleVersion()
    {
        var table = await NewTableAsync("update");
        var key = Key("wf#1", "meta");
        var item = new Dictionary<string, AttributeValue>(key) { ["version"] = N(1), ["state"] = S("Running") };
        await _dynamoDb.PutItemAsync(table, item);

        var updated = await _dynamoDb.UpdateItemAsync(VersionedUpdate(table, key, expectedVersion: 1, state: "Completed"));
        await Assert.ThrowsAsync<ConditionalCheckFailedException>(
            () => _dynamoDb.UpdateItemAsync(VersionedUpdate(table, key, expectedVersion: 1, state: "Failed")));

        Assert.Equal("2", updated.Attributes["version"].N);
        var stored = await _dynamoDb.GetItemAsync(new GetItemRequest { TableName = table, Key = key, ConsistentRead = true });
        Assert.Equal("2", stored.Item["version"].N);
        Assert.Equal("Completed", stored.Item["state"].S);
    }

    private static string UniqueName(string purpose) => $"{purpose}-{Guid.NewGuid():N}";

    private static AttributeValue S(string value) => new() { S = value };

    private static AttributeValue N(long value) => new() { N = value.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private static Dictionary<string, AttributeValue> Key(string pk, string sk) => new() { [Pk] = S(pk), [Sk] = S(sk) };

    private static PutItemRequest CreateOnlyPut(string table, Dictionary<string, AttributeValue> key, string payload) => new()
    {
        TableName = table,
        Item = new Dictionary<string, AttributeValue>(key) { ["payload"] = S(payload) },
        ConditionExpression = "attribute_not_exists(pk)",
    };

    private static UpdateItemRequest VersionedUpdate(string table, Dictionary<string, AttributeValue> key, long expectedVersion, string state) => new()
    {
        TableName = table,
        Key = key,
        UpdateExpression = "SET #state = :state, version = :next",
        ConditionExpression = "version = :expected",
        ExpressionAttributeNames = new() { ["#state"] = "state" },
        ExpressionAttributeValues = new() { [":state"] = S(state), [":next"] = N(expectedVersion + 1), [":expected"] = N(expectedVersion) },
        ReturnValues = ReturnValue.ALL_NEW,
    };

    private async Task<string> NewTableAsync(string purpose)
    {
        var name = UniqueName(purpose);
        await emulators.Host.CreateTableAsync(name);
        return name;
    }
}
