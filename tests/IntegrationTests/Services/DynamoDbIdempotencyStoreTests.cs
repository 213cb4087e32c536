using LambdaWorkflow.Aws.Idempotency;
using LambdaWorkflow.IntegrationTests.Emulators;
using LambdaWorkflow.ServiceHost.Idempotency;
using LambdaWorkflow.TestSupport.Services;
using Xunit.Abstractions;

namespace LambdaWorkflow.IntegrationTests.Services;

/// <summary>The idempotency store contract, and the 1,000-call exactly-once run, against DynamoDB (dynalite).</summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class DynamoDbIdempotencyStoreTests(EmulatorFixture emulators, ITestOutputHelper output) : IdempotencyStoreContract
{
    [Fact]
    public async Task ThousandCalls_DynamoDbStore_EveryEffectOnceEveryCallAnswered()
    {
        var scenario = new ExactlyOnceScenario();

        var report = await ExactlyOnceHarness.RunAsync(await CreateStoreAsync(), scenario);
        output.WriteLine(report.ToString());

        ExactlyOnceAssertions.Check(report, scenario);
    }

    [Fact]
    public async Task Items_HaveTheTtlAttributeInEpochSecondsAndLiveUnderThePrefix()
    {
        var table = await NewTableAsync();
        var store = new DynamoDbIdempotencyStore(emulators.DynamoDb, new DynamoDbIdempotencyOptions { TableName = table });
        var expires = new DateTimeOffset(2030, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);
        await store.TryCreateAsync(new IdempotencyRecord { Key = "svc/i#1", Status = IdempotencyStatus.InProgress, ExpiresAt = expires });

        var item = (await emulators.DynamoDb.GetItemAsync(table, new() { ["pk"] = new() { S = "idem#svc/i#1" }, ["sk"] = new() { S = "idempotency" } })).Item;

        Assert.Equal(expires.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), item["ttl"].N);
    }

    protected override async Task<IIdempotencyStore> CreateStoreAsync() =>
        new DynamoDbIdempotencyStore(emulators.DynamoDb, new DynamoDbIdempotencyOptions { TableName = await NewTableAsync() });

    private async Task<string> NewTableAsync()
    {
        var name = "idem-" + Guid.NewGuid().ToString("N")[..12];
        await emulators.Host.CreateTableAsync(name);
        return name;
    }
}
