using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Orchestrator.Engine;

namespace LambdaWorkflow.Orchestrator.Hosting;

/// <summary>What a turn sends once it committed: call commands and timers.</summary>
internal sealed record TurnOutput(IReadOnlyList<CallRequest> Commands, IReadOnlyList<TimerRequest> Timers)
{
    public static TurnOutput None { get; } = new([], []);
}
