using Amazon.DynamoDBv2.Model;
using LambdaWorkflow.IntegrationTests.Emulators;

namespace LambdaWorkflow.IntegrationTests.DynamoDb;

/// <summary>
/// One table per test class: xunit makes a new class instance per test, so the table is created by the first
/// test that asks for it and shared by the rest (the emulators live for the whole run).
/// </summary>
internal sealed class EmulatorTable(string purpose)
{
    private readonly Lock _lock = new();
    private Task<string>? _creation;

    /// <summary>The table's name, creating it on first use.</summary>
    public Task<string> GetNameAsync(EmulatorHost host)
    {
        lock (_lock)
        {
            // A failed creation is not kept, so the next test tries again.
            if (_creation is null || _creation.IsFaulted || _creation.IsCanceled)
            {
                _creation = CreateAsync(host);
            }

            return _creation;
        }
    }

    /// <summary>Every item of an instance's partition (metadata, segments, old per-event items), read consistently.</summary>
    public async Task<List<Dictionary<string, AttributeValue>>> InstanceItemsAsync(EmulatorFixture emulators, string instanceId) =>
        (await emulators.DynamoDb.QueryAsync(new QueryRequest
        {
            TableName = await GetNameAsync(emulators.Host),
            KeyConditionExpression = "pk = :pk",
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue("wf#" + instanceId) },
            ConsistentRead = true,
        })).Items;

    private async Task<string> CreateAsync(EmulatorHost host)
    {
        var name = $"{purpose}-{Guid.NewGuid():N}";
        await host.CreateTableAsync(name);
        return name;
    }
}
