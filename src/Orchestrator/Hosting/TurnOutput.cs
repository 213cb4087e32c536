using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Orchestrator.Engine;

namespace LambdaWorkflow.Orchestrator.Hosting;

/// <summary>What a turn sends once it committed: call commands, timers, and inbox messages (child starts, cancellations, a child's report to its parent).</summary>
internal sealed record TurnOutput(IReadOnlyList<CallRequest> Commands, IReadOnlyList<TimerRequest> Timers, IReadOnlyList<InboxMessage> Messages)
{
    public static TurnOutput None { get; } = new([], [], []);

    public int Count => Commands.Count + Timers.Count + Messages.Count;
}
