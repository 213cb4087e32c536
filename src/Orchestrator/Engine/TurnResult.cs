using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>What one turn produced: the events to append, the commands, timers and inbox messages (child starts and cancellations) to send, and where the instance stands.</summary>
internal sealed record TurnResult(
    WorkflowStatus Status,
    IReadOnlyList<HistoryEvent> NewEvents,
    IReadOnlyList<CallRequest> Commands,
    IReadOnlyList<TimerRequest> Timers,
    IReadOnlyList<InboxMessage> Messages,
    JsonPayload Output,
    FailureDetails? Error,
    JsonPayload CustomStatus)
{
    /// <summary>Set when the run continued as new: the processor starts the next run in the same turn.</summary>
    public RunContinuation? Continuation { get; init; }
}
