using LambdaWorkflow.Orchestrator;

namespace LambdaWorkflow.UnitTests.BadInput;

/// <summary>What <see cref="EchoWorkflow"/> returns: the runtime type its input was read as, and the input.</summary>
internal sealed record Echoed(string RequestType, object Request);

/// <summary>
/// Takes any JSON as <see cref="object"/> (the declared type a type-name-honouring deserializer would fill with the
/// named type) and returns what it was given, without calling anything.
/// </summary>
internal sealed class EchoWorkflow : IWorkflow<object, Echoed>
{
    public static readonly WorkflowDefinition<object, Echoed> Definition = new("echo-json");

    public Task<Echoed> RunAsync(WorkflowContext<object> context) =>
        Task.FromResult(new Echoed(context.Request.GetType().FullName!, context.Request));
}
