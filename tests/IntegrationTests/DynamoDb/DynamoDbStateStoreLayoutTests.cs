using Amazon.DynamoDBv2.Model;
using LambdaWorkflow.Aws.DynamoDb;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.IntegrationTests.Emulators;
using LambdaWorkflow.Orchestrator.State;
using static LambdaWorkflow.IntegrationTests.DynamoDb.StateSamples;

namespace LambdaWorkflow.IntegrationTests.DynamoDb;

/// <summary>The open tail in the metadata item, its segments, and instances stored in the previous layout.</summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class DynamoDbStateStoreLayoutTests(EmulatorFixture emulators)
{
    private static readonly EmulatorTable Table = new("layout");

    [Fact]
    public async Task CommitAsync_TailOutgrowsTheTarget_MovesItIntoOneSegmentAndKeepsLoadingEveryEvent()
    {
        var store = await CreateStoreAsync();
        var id = NewId();
        await store.CommitAsync(Start(id));
        var before = store.Usage.Snapshot();

        // 900 bytes more: the item would pass 1 KB, so the tail (events 0 to 2) moves out in the same commit.
        await store.CommitAsync(new InstanceCommit(1, [Event(2, payload: JsonText(900))], Metadata(id, 2, 3)));
        var flush = store.Usage.Snapshot() - before;

        Assert.Equal((1, 1), (flush.BatchWriteItemRequests, flush.PutItemRequests));
        var items = await ItemsAsync(id);
        Assert.Equal(["meta", "s#0000000000"], items.Select(i => i["sk"].S));
        Assert.Equal("3", items[0][StateAttributes.TailStart].N);
        Assert.False(items[0].ContainsKey(StateAttributes.Events));

        // The next small turn rides in the metadata item again; a load reads the segment and the tail.
        await store.CommitAsync(new InstanceCommit(2, [Event(3, payload: "4")], Metadata(id, 3, 4)));
        var loaded = await CreateStoreAsync().ContinueWith(t => t.Result.LoadAsync(id)).Unwrap();
        Assert.Equal([0, 1, 2, 3], loaded!.History.Select(e => e.Sequence));
        Assert.Equal(JsonText(900), loaded.History[2].Payload.ToString());
        Assert.Equal("4", loaded.History[3].Payload.ToString());
    }

    [Fact]
    public async Task CommitAsync_DiesAfterWritingASegment_TheSegmentStaysInvisibleAndTheRedoneTurnReplacesIt()
    {
        var store = await CreateStoreAsync();
        var id = NewId();
        await store.CommitAsync(Start(id));

        // The crashed turn's segment reaches the table, its metadata never does (modelled by a losing version).
        var tableName = await Table.GetNameAsync(emulators.Host);
        await emulators.DynamoDb.PutItemAsync(tableName, new Dictionary<string, AttributeValue>
        {
            ["pk"] = new AttributeValue("wf#" + id),
            ["sk"] = new AttributeValue(StateKeys.Segment(0)),
            ["h"] = new AttributeValue { B = new MemoryStream(HistoryBlob.Encode([StoredEvent.Of(Event(0, HistoryEventType.WorkflowStarted, "\"crashed\""))])) },
        });
        Assert.Equal([0, 1], (await (await CreateStoreAsync()).LoadAsync(id))!.History.Select(e => e.Sequence));

        await store.CommitAsync(new InstanceCommit(1, [Event(2, payload: JsonText(900))], Metadata(id, 2, 3)));
        var loaded = await (await CreateStoreAsync()).LoadAsync(id);
        Assert.Equal([0, 1, 2], loaded!.History.Select(e => e.Sequence));
        Assert.Equal("{\"order\":1}", loaded.History[0].Payload.ToString());
    }

    [Fact]
    public async Task LoadAsync_SegmentMissing_ThrowsNamingTheInstance()
    {
        var store = await CreateStoreAsync();
        var id = NewId();
        await store.CommitAsync(Start(id));
        await store.CommitAsync(new InstanceCommit(1, [Event(2, payload: JsonText(900))], Metadata(id, 2, 3)));
        var tableName = await Table.GetNameAsync(emulators.Host);
        await emulators.DynamoDb.DeleteItemAsync(tableName, new Dictionary<string, AttributeValue>
        {
            ["pk"] = new AttributeValue("wf#" + id),
            ["sk"] = new AttributeValue(StateKeys.Segment(0)),
        });

        var error = await Assert.ThrowsAsync<DynamoDbStateStoreException>(() => store.LoadAsync(id));

        Assert.Contains(id, error.Message, StringComparison.Ordinal);
        Assert.Contains("event 0 could not be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitAsync_ContinuedAsNewAfterSegments_LoadsOnlyTheNewRunAndDropsTheOldTail()
    {
        var store = await CreateStoreAsync();
        var id = NewId();
        await store.CommitAsync(Start(id));
        await store.CommitAsync(new InstanceCommit(1, [Event(2, payload: JsonText(900)), Event(3)], Metadata(id, 2, 4)));
        await store.CommitAsync(new InstanceCommit(2, [Event(4)], Metadata(id, 3, 5)));

        await store.CommitAsync(new InstanceCommit(3, [Event(5, HistoryEventType.WorkflowStarted, "{\"run\":2}")], Metadata(id, 4, 6) with { FirstSequence = 5 }));

        var loaded = await (await CreateStoreAsync()).LoadAsync(id);
        Assert.Equal([5], loaded!.History.Select(e => e.Sequence));
        var meta = (await ItemsAsync(id)).Single(i => i["sk"].S == "meta");
        Assert.Equal("5", meta[StateAttributes.TailStart].N);
    }

    [Fact]
    public async Task LoadAsync_InstanceInThePreviousLayout_LoadsAndTheNextCommitMovesItToSegments()
    {
        var tableName = await Table.GetNameAsync(emulators.Host);
        var id = NewId();
        var old = new[] { Event(0, HistoryEventType.WorkflowStarted, "{\"order\":1}"), Event(1, payload: "{\"sku\":\"a\"}"), Event(2, HistoryEventType.CallCompleted, "{\"ok\":true}") };
        foreach (var historyEvent in old)
        {
            await emulators.DynamoDb.PutItemAsync(tableName, StateItemMapper.ToItem(id, historyEvent));
        }

        // A crashed turn of the old layout: an item past the committed count, never read.
        await emulators.DynamoDb.PutItemAsync(tableName, StateItemMapper.ToItem(id, Event(3, payload: "\"crashed\"")));
        await emulators.DynamoDb.PutItemAsync(tableName, StateItemMapper.ToItem(Metadata(id, 4, 3), expiresAt: null));
        var store = await CreateStoreAsync();

        var loaded = await store.LoadAsync(id);
        Assert.Equal(old, loaded!.History);

        await store.CommitAsync(new InstanceCommit(4, [Event(3, payload: "\"next\"")], Metadata(id, 5, 4)));
        var reloaded = await (await CreateStoreAsync()).LoadAsync(id);
        Assert.Equal([.. old, Event(3, payload: "\"next\"")], reloaded!.History);
        Assert.True((await ItemsAsync(id)).Single(i => i["sk"].S == "meta").ContainsKey(StateAttributes.TailStart));
    }

    [Fact]
    public async Task CommitAsync_NothingRemembered_ReadsTheTailOnceAndCommits()
    {
        var id = NewId();
        await (await CreateStoreAsync()).CommitAsync(Start(id));
        var cold = await CreateStoreAsync();

        await cold.CommitAsync(new InstanceCommit(1, [Event(2, payload: "3")], Metadata(id, 2, 3)));

        Assert.Equal(1, cold.Usage.Snapshot().GetItemRequests);
        Assert.Equal([0, 1, 2], (await cold.LoadAsync(id))!.History.Select(e => e.Sequence));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            CreateStoreAsync().ContinueWith(t => t.Result.CommitAsync(new InstanceCommit(1, [Event(2)], Metadata(id, 2, 3)))).Unwrap());
    }

    [Fact]
    public async Task CommitAsync_EventsNotContinuingTheHistory_ThrowsBeforeWriting()
    {
        var store = await CreateStoreAsync();
        var id = NewId();
        await store.CommitAsync(Start(id));
        var before = store.Usage.Snapshot();

        await Assert.ThrowsAsync<ArgumentException>(() => store.CommitAsync(new InstanceCommit(1, [Event(3)], Metadata(id, 2, 4))));

        Assert.Equal(0, (store.Usage.Snapshot() - before).TotalRequests);
    }

    [Fact]
    public async Task CommitAsync_LargeInput_TailStillAddsNoWriteUnitBeyondTheItemsOwn()
    {
        var store = await CreateStoreAsync();
        var id = NewId();

        // The input alone needs 2 KB; a small tail fits in the rest of the second kilobyte.
        var commit = new InstanceCommit(0, [Event(0, HistoryEventType.WorkflowStarted, "1")], Metadata(id, 1, 1) with { Input = JsonPayload.Parse(JsonText(1_200)) });
        await store.CommitAsync(commit);

        Assert.Equal((0, 1, 2.0), (store.Usage.Snapshot().BatchWriteItemRequests, store.Usage.Snapshot().PutItemRequests, store.Usage.Snapshot().WriteCapacityUnits));
    }

    private Task<List<Dictionary<string, AttributeValue>>> ItemsAsync(string id) => Table.InstanceItemsAsync(emulators, id);

    private async Task<DynamoDbWorkflowStateStore> CreateStoreAsync() =>
        new(emulators.DynamoDb, new DynamoDbStateStoreOptions { TableName = await Table.GetNameAsync(emulators.Host) });
}
