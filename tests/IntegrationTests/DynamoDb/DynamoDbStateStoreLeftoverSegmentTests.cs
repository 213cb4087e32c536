using LambdaWorkflow.Aws.DynamoDb;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.IntegrationTests.Emulators;
using LambdaWorkflow.Orchestrator.State;
using static LambdaWorkflow.IntegrationTests.DynamoDb.StateSamples;

namespace LambdaWorkflow.IntegrationTests.DynamoDb;

/// <summary>Segment items that no committed write points to (a dead turn's, an expired instance's) are never read.</summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class DynamoDbStateStoreLeftoverSegmentTests(EmulatorFixture emulators)
{
    private static readonly EmulatorTable Table = new("leftover");

    // A turn that wrote two segments and lost its race leaves the second one where a later flush's range reads it.
    [Fact]
    public async Task LoadAsync_ALosingTurnLeftASecondSegment_TheLaterFlushStillLoads()
    {
        var id = NewId();
        var winner = await CreateStoreAsync();
        var loser = await CreateStoreAsync();
        await winner.CommitAsync(Start(id));
        await loser.LoadAsync(id);
        await winner.LoadAsync(id);

        await winner.CommitAsync(new InstanceCommit(1, [Event(2, payload: "1")], Metadata(id, 2, 3)));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => loser.CommitAsync(new InstanceCommit(
            1, [Event(2, payload: JsonText(300_000)), Event(3, payload: JsonText(300_000))], Metadata(id, 2, 4))));

        await winner.CommitAsync(new InstanceCommit(2, [Event(3, payload: JsonText(900))], Metadata(id, 3, 4)));
        var loaded = await (await CreateStoreAsync()).LoadAsync(id);
        Assert.Equal([0, 1, 2, 3], loaded!.History.Select(e => e.Sequence));
    }

    // A finished instance's metadata item expires (TTL); segments written by its earlier turns carry no TTL and stay.
    // The id is started again: a leftover segment falls inside the new run's segment range.
    [Fact]
    public async Task LoadAsync_IdReusedAfterTheMetadataExpired_OldSegmentsDoNotBreakTheNewInstance()
    {
        var id = NewId();
        var store = await CreateStoreAsync();
        await store.CommitAsync(Start(id));
        await store.CommitAsync(new InstanceCommit(1, [Event(2, payload: JsonText(900))], Metadata(id, 2, 3)));   // s#0 = 0..2
        await store.CommitAsync(new InstanceCommit(2, [Event(3, payload: JsonText(900))], Metadata(id, 3, 4)));   // s#3 = 3
        await store.CommitAsync(new InstanceCommit(3, [Event(4, HistoryEventType.WorkflowCompleted)], Metadata(id, 4, 5, WorkflowStatus.Completed)));
        await emulators.DynamoDb.DeleteItemAsync(await Table.GetNameAsync(emulators.Host), StateKeys.MetadataKey(id));   // what TTL does

        var fresh = await CreateStoreAsync();
        await fresh.CommitAsync(Start(id) with { Metadata = Metadata(id, 1, 2) with { CreatedAt = Epoch.AddDays(1) } });
        await fresh.CommitAsync(new InstanceCommit(1, [Event(2, payload: "1"), Event(3, payload: "2")], Metadata(id, 2, 4) with { CreatedAt = Epoch.AddDays(1) }));
        await fresh.CommitAsync(new InstanceCommit(2, [Event(4, payload: JsonText(900))], Metadata(id, 3, 5) with { CreatedAt = Epoch.AddDays(1) })); // s#0 = 0..4

        var loaded = await (await CreateStoreAsync()).LoadAsync(id);
        Assert.Equal([0, 1, 2, 3, 4], loaded!.History.Select(e => e.Sequence));
    }

    private async Task<DynamoDbWorkflowStateStore> CreateStoreAsync() =>
        new(emulators.DynamoDb, new DynamoDbStateStoreOptions { TableName = await Table.GetNameAsync(emulators.Host) });
}
