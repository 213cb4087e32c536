using LambdaWorkflow.Local.Idempotency;
using LambdaWorkflow.ServiceHost.Idempotency;
using LambdaWorkflow.TestSupport.Services;
using Xunit.Abstractions;

namespace LambdaWorkflow.UnitTests.Services;

/// <summary>
/// The check on the embedded runtime's queues and stores: 1,000 calls, 30% duplicates (concurrent and late),
/// deliveries killed before the side effect and between "side effect done and recorded" and "reply sent", failed
/// reply sends: every side effect counted exactly once, every call answered, every answer identical.
/// </summary>
public sealed class ExactlyOnceTests(ITestOutputHelper output) : IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public Task ThousandCalls_InMemoryStore_EveryEffectOnceEveryCallAnswered() =>
        RunAndCheckAsync(new InMemoryIdempotencyStore());

    [Fact]
    public Task ThousandCalls_SqliteStore_EveryEffectOnceEveryCallAnswered() =>
        RunAndCheckAsync(new SqliteIdempotencyStore(_database.ConnectionString));

    [Fact]
    public async Task ThousandCalls_WithoutStore_RunsSideEffectsAgain()
    {
        // The control: the same faults without the store show what it prevents.
        var report = await ExactlyOnceHarness.RunAsync(store: null, new ExactlyOnceScenario());
        output.WriteLine(report.ToString());

        Assert.True(report.SideEffects.Values.Sum() > 1_000 + 200, $"Only {report.SideEffects.Values.Sum()} effects without a store.");
        Assert.Equal(1_000, report.Replies.Count);
    }

    private async Task RunAndCheckAsync(IIdempotencyStore store)
    {
        var scenario = new ExactlyOnceScenario();

        var report = await ExactlyOnceHarness.RunAsync(store, scenario);
        output.WriteLine(report.ToString());

        ExactlyOnceAssertions.Check(report, scenario);
    }
}
