using LambdaWorkflow.Aws.DynamoDb;
using LambdaWorkflow.IntegrationTests.Emulators;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.TestSupport;

namespace LambdaWorkflow.IntegrationTests.DynamoDb;

/// <summary>
/// The shared contract against a DynamoDB store that remembers no tails and moves every turn's events into segments:
/// every commit reads the version it builds on, and every load reads segments.
/// </summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class DynamoDbStateStoreColdTests(EmulatorFixture emulators) : StateStoreContract
{
    private static readonly EmulatorTable Table = new("contract-cold");

    protected override async Task<IWorkflowStateStore> CreateStoreAsync()
    {
        var tableName = await Table.GetNameAsync(emulators.Host);
        return new DynamoDbWorkflowStateStore(
            emulators.DynamoDb, new DynamoDbStateStoreOptions { TableName = tableName, CachedInstances = 0, MetadataItemTargetBytes = 0 });
    }
}
