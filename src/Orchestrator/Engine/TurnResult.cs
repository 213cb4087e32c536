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
    JsonPayload CustomStatus);
