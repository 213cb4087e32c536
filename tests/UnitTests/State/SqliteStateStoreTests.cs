using LambdaWorkflow.Local.State;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.TestSupport;

namespace LambdaWorkflow.UnitTests.State;

public sealed class SqliteStateStoreTests : StateStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lwf-sqlite-").FullName;

    protected override Task<IWorkflowStateStore> CreateStoreAsync() =>
        Task.FromResult<IWorkflowStateStore>(new SqliteWorkflowStateStore(Path.Combine(_directory, "state.db")));

    [Fact]
    public async Task LoadAsync_AfterReopeningTheFile_SeesEveryCommittedTurn()
    {
        var path = Path.Combine(_directory, "reopen.db");
        var first = new SqliteWorkflowStateStore(path);
        var snapshotBefore = await RunOneTurnAsync(first);

        var reopened = new SqliteWorkflowStateStore(path);
        var snapshotAfter = await reopened.LoadAsync(snapshotBefore.Metadata.InstanceId);

        Assert.Equal(snapshotBefore.Metadata, snapshotAfter!.Metadata);
        Assert.Equal(snapshotBefore.History, snapshotAfter.History);
    }

    [Fact]
    public async Task Constructor_DatabaseFromBeforeContinueAsNew_GainsTheFirstSequenceColumnAndKeepsItsInstances()
    {
        var path = Path.Combine(_directory, "old.db");
        var store = new SqliteWorkflowStateStore(path);
        var snapshot = await RunOneTurnAsync(store);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + path))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "ALTER TABLE instances DROP COLUMN first_seq";
            drop.ExecuteNonQuery();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var upgraded = new SqliteWorkflowStateStore(path);

        Assert.Equal(snapshot.History, (await upgraded.LoadAsync(snapshot.Metadata.InstanceId))!.History);
        var metadata = snapshot.Metadata with { Version = 2, EventCount = 1, FirstSequence = 1 };
        await upgraded.CommitAsync(new InstanceCommit(1, [], metadata));
        Assert.Equal(1, (await upgraded.GetMetadataAsync(metadata.InstanceId))!.FirstSequence);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task<InstanceSnapshot> RunOneTurnAsync(SqliteWorkflowStateStore store)
    {
        var now = DateTimeOffset.UnixEpoch.AddYears(56);
        var metadata = new InstanceMetadata { InstanceId = NewId(), Workflow = "w", Status = WorkflowStatus.Running, Version = 1, EventCount = 1, CreatedAt = now, UpdatedAt = now, Input = LambdaWorkflow.Contracts.JsonPayload.Parse("[1]") };
        var started = new HistoryEvent { Sequence = 0, Type = HistoryEventType.WorkflowStarted, Timestamp = now, Payload = LambdaWorkflow.Contracts.JsonPayload.Parse("[1]") };
        await store.CommitAsync(new InstanceCommit(0, [started], metadata));
        return (await store.LoadAsync(metadata.InstanceId))!;
    }
}
