using LambdaWorkflow.Local.State;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.TestSupport;

namespace LambdaWorkflow.UnitTests.State;

public sealed class InMemoryStateStoreTests : StateStoreContract
{
    protected override Task<IWorkflowStateStore> CreateStoreAsync() => Task.FromResult<IWorkflowStateStore>(new InMemoryWorkflowStateStore());
}
