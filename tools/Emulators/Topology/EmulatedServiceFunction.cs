using LambdaWorkflow.Aws.Lambda;

namespace LambdaWorkflow.Emulators;

/// <summary>A service function as a user's assembly derives it: composed from its environment variables by the hook.</summary>
internal sealed class EmulatedServiceFunction(LambdaEnvironment environment, Func<LambdaEnvironment, ServiceComponents> configure)
    : ServiceFunction(environment, configure);
