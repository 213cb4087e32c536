using Amazon.DynamoDBv2.Model;
using LambdaWorkflow.Aws.DynamoDb;
using LambdaWorkflow.IntegrationTests.Emulators;
using LambdaWorkflow.Orchestrator.State;
using Xunit.Abstractions;
using static LambdaWorkflow.IntegrationTests.DynamoDb.StateSamples;

namespace LambdaWorkflow.IntegrationTests.DynamoDb;

/// <summary>What the store removes: earlier runs' segments after continue-as-new, finished instances' segments by TTL.</summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class DynamoDbStateStoreCleanupTests(EmulatorFixture emulators, ITestOutputHelper output)
{
    private static readonly EmulatorTable Table = new("cleanup");

    [Fact]
    public async Task CommitAsync_ContinuedAsNew_DeletesTheEarlierRunsSegmentsAfterTheCommit()
    {
        var store = await CreateStoreAsync();
        var id = await TwoSegmentsAsync(store);
        Assert.Equal(["meta", "s#0000000000", "s#0000000003"], (await ItemsAsync(id)).Select(i => i["sk"].S));
        var before = store.Usage.Snapshot();

        await store.CommitAsync(new InstanceCommit(3, [Event(6, HistoryEventType.WorkflowStarted, "{\"run\":2}")], Metadata(id, 4, 7) with { FirstSequence = 6 }));

        var cost = store.Usage.Snapshot() - before;
        output.WriteLine($"continue-as-new commit with cleanup: {cost.PutItemRequests} put, {cost.QueryRequests} query, "
            + $"{cost.BatchWriteItemRequests} batch write, {cost.WriteCapacityUnits} WCU, {cost.ReadCapacityUnits} RCU");
        Assert.Equal(["meta"], (await ItemsAsync(id)).Select(i => i["sk"].S));
        Assert.Equal((1, 1, 1), (cost.PutItemRequests, cost.QueryRequests, cost.BatchWriteItemRequests));
        Assert.Equal([6], (await (await CreateStoreAsync()).LoadAsync(id))!.History.Select(e => e.Sequence));

        // The next turn of the new run finds nothing more to delete, and does not look.
        var next = store.Usage.Snapshot();
        await store.CommitAsync(new InstanceCommit(4, [Event(7)], Metadata(id, 5, 8) with { FirstSequence = 6 }));
        Assert.Equal((1, 0, 0), ((store.Usage.Snapshot() - next).PutItemRequests, (store.Usage.Snapshot() - next).QueryRequests, (store.Usage.Snapshot() - next).BatchWriteItemRequests));
    }

    [Fact]
    public async Task CommitAsync_ContinuedAsNewWithCleanupOff_KeepsTheSegmentsUnread()
    {
        var store = await CreateStoreAsync(deleteEarlierRuns: false);
        var id = await TwoSegmentsAsync(store);

        await store.CommitAsync(new InstanceCommit(3, [Event(6, HistoryEventType.WorkflowStarted, "{\"run\":2}")], Metadata(id, 4, 7) with { FirstSequence = 6 }));

        Assert.Equal(["meta", "s#0000000000", "s#0000000003"], (await ItemsAsync(id)).Select(i => i["sk"].S));
        Assert.Equal([6], (await (await CreateStoreAsync()).LoadAsync(id))!.History.Select(e => e.Sequence));
    }

    [Fact]
    public async Task CommitAsync_ContinuedAsNewOnAColdStore_StillDeletesTheEarlierRun()
    {
        var id = await TwoSegmentsAsync(await CreateStoreAsync());
        var cold = await CreateStoreAsync();

        await cold.CommitAsync(new InstanceCommit(3, [Event(6, HistoryEventType.WorkflowStarted, "{\"run\":2}")], Metadata(id, 4, 7) with { FirstSequence = 6 }));

        Assert.Equal(["meta"], (await ItemsAsync(id)).Select(i => i["sk"].S));
    }

    [Fact]
    public async Task CommitAsync_FinishingTurnFlushesTheTail_SegmentExpiresWithTheMetadataItem()
    {
        var store = await CreateStoreAsync();
        var id = NewId();
        await store.CommitAsync(Start(id));

        await store.CommitAsync(new InstanceCommit(1, [Event(2, HistoryEventType.WorkflowCompleted, JsonText(900))], Metadata(id, 2, 3, WorkflowStatus.Completed)));

        var items = await ItemsAsync(id);
        Assert.Equal(["meta", "s#0000000000"], items.Select(i => i["sk"].S));
        Assert.NotNull(items[0][StateAttributes.TimeToLive].N);
        Assert.Equal(items[0][StateAttributes.TimeToLive].N, items[1][StateAttributes.TimeToLive].N);
        Assert.Equal([0, 1, 2], (await (await CreateStoreAsync()).LoadAsync(id))!.History.Select(e => e.Sequence));
    }

    [Fact]
    public async Task CommitAsync_RunningTurnFlushesTheTail_SegmentHasNoTtl()
    {
        var store = await CreateStoreAsync();
        var id = NewId();
        await store.CommitAsync(Start(id));

        await store.CommitAsync(new InstanceCommit(1, [Event(2, payload: JsonText(900))], Metadata(id, 2, 3)));

        var segment = (await ItemsAsync(id)).Single(i => i["sk"].S.StartsWith("s#", StringComparison.Ordinal));
        Assert.False(segment.ContainsKey(StateAttributes.TimeToLive));
    }

    /// <summary>An instance whose run 0–5 lies in two segments (events 0–2 and 3–5) and an empty tail.</summary>
    private static async Task<string> TwoSegmentsAsync(DynamoDbWorkflowStateStore store)
    {
        var id = NewId();
        await store.CommitAsync(Start(id));
        await store.CommitAsync(new InstanceCommit(1, [Event(2, payload: JsonText(900))], Metadata(id, 2, 3)));
        await store.CommitAsync(new InstanceCommit(2, [Event(3), Event(4), Event(5, payload: JsonText(900))], Metadata(id, 3, 6)));
        return id;
    }

    private Task<List<Dictionary<string, AttributeValue>>> ItemsAsync(string id) => Table.InstanceItemsAsync(emulators, id);

    private async Task<DynamoDbWorkflowStateStore> CreateStoreAsync(bool deleteEarlierRuns = true) =>
        new(emulators.DynamoDb, new DynamoDbStateStoreOptions { TableName = await Table.GetNameAsync(emulators.Host), DeleteEarlierRuns = deleteEarlierRuns });
}
