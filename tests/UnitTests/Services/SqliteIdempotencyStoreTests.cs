using LambdaWorkflow.Local.Idempotency;
using LambdaWorkflow.ServiceHost.Idempotency;
using LambdaWorkflow.TestSupport.Services;
using Microsoft.Data.Sqlite;

namespace LambdaWorkflow.UnitTests.Services;

public sealed class SqliteIdempotencyStoreTests : IdempotencyStoreContract, IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    protected override Task<IIdempotencyStore> CreateStoreAsync() => Task.FromResult<IIdempotencyStore>(new SqliteIdempotencyStore(_database.ConnectionString));

    [Fact]
    public async Task Records_SurviveANewStoreOnTheSameFile()
    {
        var record = new IdempotencyRecord { Key = NewKey(), Status = IdempotencyStatus.Completed, Reply = "{}", ExpiresAt = DateTimeOffset.UnixEpoch.AddYears(60) };
        await new SqliteIdempotencyStore(_database.ConnectionString).TryCreateAsync(record);
        SqliteConnection.ClearAllPools();

        Assert.Equal(record, await new SqliteIdempotencyStore(_database.ConnectionString).GetAsync(record.Key));
    }

    [Fact]
    public async Task PurgeExpiredAsync_RemovesOnlyExpiredRecords()
    {
        var store = new SqliteIdempotencyStore(_database.ConnectionString, "purge_test");
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await store.TryCreateAsync(new IdempotencyRecord { Key = "a", Status = IdempotencyStatus.Completed, ExpiresAt = now.AddSeconds(-1) });
        await store.TryCreateAsync(new IdempotencyRecord { Key = "b", Status = IdempotencyStatus.Completed, ExpiresAt = now.AddSeconds(1) });

        Assert.Equal(1, await store.PurgeExpiredAsync(now));
        Assert.Null(await store.GetAsync("a"));
        Assert.NotNull(await store.GetAsync("b"));
    }

    [Theory]
    [InlineData("1table")]
    [InlineData("t; DROP TABLE x")]
    [InlineData("")]
    public void Constructor_TableNameNotAnIdentifier_Throws(string table) =>
        Assert.Throws<ArgumentException>(() => new SqliteIdempotencyStore(_database.ConnectionString, table));
}

/// <summary>A SQLite file in the temp folder, deleted with its WAL files on dispose.</summary>
internal sealed class TemporaryDatabase : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "lwf-idempotency-" + Guid.NewGuid().ToString("N") + ".db");

    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _path }.ToString();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
