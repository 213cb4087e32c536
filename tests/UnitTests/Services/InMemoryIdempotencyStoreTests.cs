using LambdaWorkflow.Local.Idempotency;
using LambdaWorkflow.ServiceHost.Idempotency;
using LambdaWorkflow.TestSupport.Services;

namespace LambdaWorkflow.UnitTests.Services;

public sealed class InMemoryIdempotencyStoreTests : IdempotencyStoreContract
{
    protected override Task<IIdempotencyStore> CreateStoreAsync() => Task.FromResult<IIdempotencyStore>(new InMemoryIdempotencyStore());

    [Fact]
    public async Task PurgeExpired_RemovesOnlyExpiredRecords()
    {
        var store = new InMemoryIdempotencyStore();
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await store.TryCreateAsync(new IdempotencyRecord { Key = "a", Status = IdempotencyStatus.Completed, ExpiresAt = now.AddSeconds(-1) });
        await store.TryCreateAsync(new IdempotencyRecord { Key = "b", Status = IdempotencyStatus.Completed, ExpiresAt = now.AddSeconds(1) });

        Assert.Equal(1, store.PurgeExpired(now));
        Assert.Null(await store.GetAsync("a"));
        Assert.NotNull(await store.GetAsync("b"));
    }
}
