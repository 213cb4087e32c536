using LambdaWorkflow.Aws.DynamoDb;
using LambdaWorkflow.IntegrationTests.Emulators;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.TestSupport;

namespace LambdaWorkflow.IntegrationTests.DynamoDb;

/// <summary>The shared state store contract, run against the DynamoDB store on dynalite.</summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class DynamoDbStateStoreTests(EmulatorFixture emulators) : StateStoreContract
{
    private static readonly EmulatorTable Table = new("contract");

    protected override async Task<IWorkflowStateStore> CreateStoreAsync()
    {
        var tableName = await Table.GetNameAsync(emulators.Host);
        return new DynamoDbWorkflowStateStore(emulators.DynamoDb, new DynamoDbStateStoreOptions { TableName = tableName });
    }
}
