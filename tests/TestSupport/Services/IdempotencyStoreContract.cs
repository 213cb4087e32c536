using LambdaWorkflow.ServiceHost.Idempotency;
using Xunit;

namespace LambdaWorkflow.TestSupport.Services;

/// <summary>
/// The contract every <see cref="IIdempotencyStore"/> honours: conditional create, replace and delete on the version,
/// every field round-tripped at millisecond precision, one winner under concurrency. A store's test class derives
/// from this and supplies the store; keys are unique per test, so one store may serve many tests.
/// </summary>
public abstract class IdempotencyStoreContract
{
    private static readonly DateTimeOffset Epoch = new(2026, 3, 1, 12, 0, 0, 123, TimeSpan.Zero);

    /// <summary>Makes (or shares) a store.</summary>
    protected abstract Task<IIdempotencyStore> CreateStoreAsync();

    [Fact]
    public async Task GetAsync_UnknownKey_ReturnsNull()
    {
        var store = await CreateStoreAsync();
        Assert.Null(await store.GetAsync(NewKey()));
    }

    [Fact]
    public async Task TryCreateAsync_NewKey_ReadsBackEveryField()
    {
        var store = await CreateStoreAsync();
        var record = Full(NewKey());

        Assert.True(await store.TryCreateAsync(record));

        Assert.Equal(record, await store.GetAsync(record.Key));
    }

    [Fact]
    public async Task TryCreateAsync_OptionalFieldsNull_ReadsBackNulls()
    {
        var store = await CreateStoreAsync();
        var record = new IdempotencyRecord { Key = NewKey(), Status = IdempotencyStatus.InProgress, ExpiresAt = Epoch };

        Assert.True(await store.TryCreateAsync(record));

        Assert.Equal(record, await store.GetAsync(record.Key));
    }

    [Fact]
    public async Task TryCreateAsync_ExistingKey_ReturnsFalseAndKeepsTheFirst()
    {
        var store = await CreateStoreAsync();
        var first = InProgress(NewKey(), 1, "owner-a");
        await store.TryCreateAsync(first);

        Assert.False(await store.TryCreateAsync(first with { Owner = "owner-b" }));

        Assert.Equal("owner-a", (await store.GetAsync(first.Key))!.Owner);
    }

    [Fact]
    public async Task TryReplaceAsync_ExpectedVersion_Replaces()
    {
        var store = await CreateStoreAsync();
        var first = InProgress(NewKey(), 1, "owner-a");
        await store.TryCreateAsync(first);
        var completed = Full(first.Key) with { Version = 2 };

        Assert.True(await store.TryReplaceAsync(completed, expectedVersion: 1));

        Assert.Equal(completed, await store.GetAsync(first.Key));
    }

    [Fact]
    public async Task TryReplaceAsync_StaleVersion_ReturnsFalseAndKeepsTheRecord()
    {
        var store = await CreateStoreAsync();
        var first = InProgress(NewKey(), 1, "owner-a");
        await store.TryCreateAsync(first);
        await store.TryReplaceAsync(first with { Version = 2, Owner = "owner-b" }, 1);

        Assert.False(await store.TryReplaceAsync(first with { Version = 2, Owner = "owner-c" }, 1));

        Assert.Equal("owner-b", (await store.GetAsync(first.Key))!.Owner);
    }

    [Fact]
    public async Task TryReplaceAsync_MissingKey_ReturnsFalseAndCreatesNothing()
    {
        var store = await CreateStoreAsync();
        var record = InProgress(NewKey(), 2, "owner-a");

        Assert.False(await store.TryReplaceAsync(record, 1));

        Assert.Null(await store.GetAsync(record.Key));
    }

    [Fact]
    public async Task TryDeleteAsync_ExpectedVersion_DeletesAndStaleVersionDoesNot()
    {
        var store = await CreateStoreAsync();
        var record = InProgress(NewKey(), 1, "owner-a");
        await store.TryCreateAsync(record);

        Assert.False(await store.TryDeleteAsync(record.Key, expectedVersion: 7));
        Assert.NotNull(await store.GetAsync(record.Key));
        Assert.True(await store.TryDeleteAsync(record.Key, expectedVersion: 1));
        Assert.Null(await store.GetAsync(record.Key));
        Assert.False(await store.TryDeleteAsync(record.Key, expectedVersion: 1));
    }

    [Fact]
    public async Task TryCreateAsync_AfterDelete_CreatesAgain()
    {
        var store = await CreateStoreAsync();
        var record = InProgress(NewKey(), 1, "owner-a");
        await store.TryCreateAsync(record);
        await store.TryDeleteAsync(record.Key, 1);

        Assert.True(await store.TryCreateAsync(record with { Owner = "owner-b" }));
        Assert.Equal("owner-b", (await store.GetAsync(record.Key))!.Owner);
    }

    [Fact]
    public async Task TryCreateAsync_ConcurrentCreates_ExactlyOneWins()
    {
        var store = await CreateStoreAsync();
        var key = NewKey();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => store.TryCreateAsync(InProgress(key, 1, "owner-" + i)))));

        Assert.Equal(1, results.Count(won => won));
        var winner = Array.IndexOf(results, true);
        Assert.Equal("owner-" + winner, (await store.GetAsync(key))!.Owner);
    }

    [Fact]
    public async Task TryReplaceAsync_ConcurrentReplacesOfOneVersion_ExactlyOneWins()
    {
        var store = await CreateStoreAsync();
        var key = NewKey();
        await store.TryCreateAsync(InProgress(key, 1, "first"));

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => store.TryReplaceAsync(InProgress(key, 2, "owner-" + i), 1))));

        Assert.Equal(1, results.Count(won => won));
        Assert.Equal("owner-" + Array.IndexOf(results, true), (await store.GetAsync(key))!.Owner);
    }

    [Fact]
    public async Task TryCreateAsync_LargeUnicodeReply_RoundTrips()
    {
        var store = await CreateStoreAsync();
        var reply = "{\"type\":\"CallCompleted\",\"result\":\"" + string.Concat(Enumerable.Repeat("ö€𝄞 ", 20_000)) + "\"}";
        var record = Full(NewKey()) with { Reply = reply };

        Assert.True(await store.TryCreateAsync(record));

        Assert.Equal(reply, (await store.GetAsync(record.Key))!.Reply);
    }

    [Fact]
    public async Task GetAsync_ExpiredRecord_IsStillReturnedForTheReaderToJudge()
    {
        var store = await CreateStoreAsync();
        var record = InProgress(NewKey(), 1, "owner-a") with { ExpiresAt = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        await store.TryCreateAsync(record);

        var read = await store.GetAsync(record.Key);

        // A TTL deletes lazily: the store may still return it, and the guard treats it as gone. Either is fine here.
        Assert.True(read is null || read == record);
    }

    /// <summary>A fresh key, shaped like the dispatcher's (<c>{service}/{callId}</c>).</summary>
    protected static string NewKey() => "inventory/order-" + Guid.NewGuid().ToString("N") + "#1";

    private static IdempotencyRecord InProgress(string key, long version, string owner) => new()
    {
        Key = key,
        Status = IdempotencyStatus.InProgress,
        Version = version,
        Owner = owner,
        LeaseExpiresAt = Epoch.AddMinutes(5),
        ExpiresAt = Epoch.AddDays(7),
    };

    private static IdempotencyRecord Full(string key) => new()
    {
        Key = key,
        Status = IdempotencyStatus.Completed,
        Version = 1,
        Owner = "owner-x",
        LeaseExpiresAt = Epoch.AddMinutes(5),
        Reply = "{\"type\":\"CallCompleted\",\"instanceId\":\"order-1\",\"callId\":\"order-1#1\",\"attempt\":1,\"result\":{\"ok\":\"ü\"}}",
        CallbackDeadline = Epoch.AddHours(1),
        HeartbeatDeadline = Epoch.AddMinutes(10),
        ExpiresAt = Epoch.AddDays(7),
    };
}
