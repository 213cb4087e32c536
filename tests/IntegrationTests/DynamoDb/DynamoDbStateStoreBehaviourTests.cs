using System.Text;
using Amazon.DynamoDBv2.Model;
using LambdaWorkflow.Aws.DynamoDb;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.IntegrationTests.Emulators;
using LambdaWorkflow.Orchestrator.State;
using static LambdaWorkflow.IntegrationTests.DynamoDb.StateSamples;

namespace LambdaWorkflow.IntegrationTests.DynamoDb;

/// <summary>What the DynamoDB store does beyond the shared contract: paging, item limits, TTL, layout, usage.</summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class DynamoDbStateStoreBehaviourTests(EmulatorFixture emulators)
{
    private static readonly EmulatorTable Table = new("store");

    [Fact]
    public async Task LoadAsync_TwoThousandEventsOverOneMegabyte_LoadsEveryEventAcrossQueryPages()
    {
        var store = await CreateStoreAsync();
        var id = NewId();
        await store.CommitAsync(new InstanceCommit(0, [Event(0, HistoryEventType.WorkflowStarted, "{}")], Metadata(id, 1, 1)));
        var count = 1;
        for (var version = 1; count < 2_000; version++)
        {
            var batch = Enumerable.Range(count, Math.Min(100, 2_000 - count)).Select(s => Event(s, payload: JsonText(900))).ToList();
            count += batch.Count;
            await store.CommitAsync(new InstanceCommit(version, batch, Metadata(id, version + 1, count)));
        }

        var before = store.Usage.Snapshot();
        var loaded = await store.LoadAsync(id);
        var used = store.Usage.Snapshot() - before;

        Assert.Equal(2_000, loaded!.History.Count);
        Assert.Equal(Enumerable.Range(0, 2_000), loaded.History.Select(e => e.Sequence));
        Assert.Equal(JsonText(900), loaded.History[1_999].Payload.ToString());
        Assert.True(used.QueryRequests >= 2, $"expected several 1 MB pages, got {used.QueryRequests} query request(s)");
        Assert.Equal(1, used.GetItemRequests);
    }

    [Fact]
    public async Task CommitAsync_HistoryEventOver400KB_ThrowsItemTooLargeNamingInstanceAndSequenceAndWritesNothing()
    {
        var store = await CreateStoreAsync();
        var id = NewId();
        await store.CommitAsync(Start(id));
        var before = store.Usage.Snapshot();

        var error = await Assert.ThrowsAsync<DynamoDbItemTooLargeException>(() => store.CommitAsync(
            new InstanceCommit(1, [Event(2, payload: "1"), Event(3, payload: JsonText(410_000))], Metadata(id, 2, 4))));

        Assert.Equal(id, error.InstanceId);
        Assert.Equal(3, error.Sequence);
        Assert.True(error.ItemSize > DynamoDbItemTooLargeException.Limit);
        Assert.Contains(id, error.Message, StringComparison.Ordinal);
        Assert.Contains("History event 3", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (store.Usage.Snapshot() - before).TotalRequests);
        Assert.Equal(1, (await store.GetMetadataAsync(id))!.Version);
    }

    [Fact]
    public async Task CommitAsync_InputOver400KB_ThrowsItemTooLargeForTheMetadataItem()
    {
        var store = await CreateStoreAsync();
        var id = NewId();
        var input = JsonPayload.Parse(JsonText(300_000));
        var commit = new InstanceCommit(
            0,
            [Event(0, HistoryEventType.WorkflowStarted, JsonText(300_000))],
            Metadata(id, 1, 1) with { Input = input, Output = input });

        var error = await Assert.ThrowsAsync<DynamoDbItemTooLargeException>(() => store.CommitAsync(commit));

        Assert.Null(error.Sequence);
        Assert.Contains("metadata item", error.Message, StringComparison.Ordinal);
        Assert.Null(await store.LoadAsync(id));
    }

    [Fact]
    public async Task ItemSizeCalculator_ItemsAtAndPastTheLimit_AgreeWithTheEmulator()
    {
        var tableName = await Table.GetNameAsync(emulators.Host);
        var atLimit = RawItem(NewId(), ItemSizeCalculator.MaxItemBytes);
        var pastLimit = RawItem(NewId(), ItemSizeCalculator.MaxItemBytes + 1);

        Assert.Equal(ItemSizeCalculator.MaxItemBytes, ItemSizeCalculator.Of(atLimit));
        await emulators.DynamoDb.PutItemAsync(tableName, atLimit);
        var rejected = await Assert.ThrowsAsync<Amazon.DynamoDBv2.AmazonDynamoDBException>(() => emulators.DynamoDb.PutItemAsync(tableName, pastLimit));
        Assert.True(DynamoDbErrors.IsItemTooLarge(rejected), rejected.Message);
    }

    [Theory]
    [InlineData(WorkflowStatus.Completed)]
    [InlineData(WorkflowStatus.Failed)]
    [InlineData(WorkflowStatus.Cancelled)]
    public async Task CommitAsync_InstanceFinishes_SetsTtlFromTheFinishingTurnsTime(WorkflowStatus status)
    {
        var store = await CreateStoreAsync(options => options.FinishedInstanceTtlDays = 7);
        var id = NewId();
        await store.CommitAsync(Start(id));
        Assert.False((await ReadMetadataItemAsync(id)).ContainsKey(StateAttributes.TimeToLive));

        var finished = Metadata(id, 2, 3, status);
        await store.CommitAsync(new InstanceCommit(1, [Event(2, HistoryEventType.WorkflowCompleted, "true")], finished));

        var item = await ReadMetadataItemAsync(id);
        Assert.Equal(finished.UpdatedAt.AddDays(7).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), item[StateAttributes.TimeToLive].N);
    }

    [Fact]
    public async Task CommitAsync_FaultedOrTtlDisabled_SetsNoTtl()
    {
        var faultedStore = await CreateStoreAsync();
        var noTtlStore = await CreateStoreAsync(options => options.FinishedInstanceTtlDays = null);
        var faulted = NewId();
        var completed = NewId();

        await faultedStore.CommitAsync(new InstanceCommit(0, [Event(0, HistoryEventType.WorkflowStarted, "{}")], Metadata(faulted, 1, 1, WorkflowStatus.Faulted)));
        await noTtlStore.CommitAsync(new InstanceCommit(0, [Event(0, HistoryEventType.WorkflowStarted, "{}")], Metadata(completed, 1, 1, WorkflowStatus.Completed)));

        Assert.False((await ReadMetadataItemAsync(faulted)).ContainsKey(StateAttributes.TimeToLive));
        Assert.False((await ReadMetadataItemAsync(completed)).ContainsKey(StateAttributes.TimeToLive));
    }

    [Fact]
    public async Task CommitAsync_StartTurn_StoresItemsInTheDocumentedLayout()
    {
        var store = await CreateStoreAsync();
        var id = NewId();
        await store.CommitAsync(Start(id));

        var items = await Table.InstanceItemsAsync(emulators, id);

        // A small turn is one item: the events ride in the metadata item as its tail.
        var item = Assert.Single(items);
        Assert.Equal("meta", item["sk"].S);
        Assert.Equal(["ca", "h", "hs", "in", "n", "pk", "sk", "st", "ua", "v", "wf"], item.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("1", "2", "0", "0"), (item["v"].N, item["n"].N, item["st"].N, item["hs"].N));
        var tail = new List<ReadOnlyMemory<byte>>();
        HistoryBlob.Split(item["h"].B.ToArray(), tail);
        Assert.Equal(Start(id).NewEvents, HistoryEventBinary.DeserializeHistory(tail));
        Assert.True(ItemSizeCalculator.Of(item) <= 1024, $"the start turn's item is {ItemSizeCalculator.Of(item)} bytes");
    }

    [Fact]
    public async Task Usage_CommitAndLoad_CountsRequestsAndReportedCapacityUnits()
    {
        var store = await CreateStoreAsync();
        var id = NewId();

        await store.CommitAsync(Start(id));
        var afterCommit = store.Usage.Snapshot();
        await store.LoadAsync(id);
        var load = store.Usage.Snapshot() - afterCommit;

        // One metadata put under 1 KB (1 WCU) holding the events; one consistent GetItem (1 RCU), no query.
        Assert.Equal(new DynamoDbUsageSnapshot(0, 1, 0, 0, 1, 0, 0), afterCommit);
        Assert.Equal(new DynamoDbUsageSnapshot(1, 0, 1, 0, 0, 0, 0), load);
    }

    [Fact]
    public async Task Usage_EventuallyConsistentReads_CostHalfAReadUnit()
    {
        var store = await CreateStoreAsync(options => options.ConsistentReads = false);
        var id = NewId();
        await store.CommitAsync(Start(id));
        var before = store.Usage.Snapshot();

        await store.LoadAsync(id);

        Assert.Equal(0.5, (store.Usage.Snapshot() - before).ReadCapacityUnits);
    }

    private static Dictionary<string, AttributeValue> RawItem(string id, int size)
    {
        // Only string and binary attributes, whose sizes are exact; "pk", "sk", "p" are 5 bytes of names.
        var item = new Dictionary<string, AttributeValue>
        {
            ["pk"] = new AttributeValue("wf#" + id),
            ["sk"] = new AttributeValue("h#0000000000"),
        };
        var rest = size - ItemSizeCalculator.Of(item) - 1;
        item["p"] = new AttributeValue { B = new MemoryStream(new byte[rest]) };
        return item;
    }

    private async Task<DynamoDbWorkflowStateStore> CreateStoreAsync(Action<DynamoDbStateStoreOptions>? configure = null)
    {
        var options = new DynamoDbStateStoreOptions { TableName = await Table.GetNameAsync(emulators.Host) };
        configure?.Invoke(options);
        return new DynamoDbWorkflowStateStore(emulators.DynamoDb, options);
    }

    private async Task<Dictionary<string, AttributeValue>> ReadMetadataItemAsync(string id)
    {
        var response = await emulators.DynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = await Table.GetNameAsync(emulators.Host),
            Key = StateKeys.MetadataKey(id),
            ConsistentRead = true,
        });
        return response.Item;
    }
}
