using LambdaWorkflow.Aws.Lambda;

namespace LambdaWorkflow.Emulators;

/// <summary>An orchestrator function as a user's assembly derives it: composed from its environment variables by the hook.</summary>
internal sealed class EmulatedOrchestratorFunction(LambdaEnvironment environment, Func<LambdaEnvironment, OrchestratorComponents> configure)
    : OrchestratorFunction(environment, configure);
