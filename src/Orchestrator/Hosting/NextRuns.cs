using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Orchestrator.Engine;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator.Hosting;

/// <summary>
/// Starts the run that follows a continue-as-new in the same turn, so the new input costs no extra message. The new
/// run's history begins at the committed end of the old one: nothing of the ending run's last turn is kept.
/// </summary>
internal static class NextRuns
{
    /// <summary>Runs that may follow one another in one turn; more means a loop that never waits on anything.</summary>
    public const int MaxPerTurn = 1_000;

    /// <summary>
    /// Starts the next runs until one waits or ends. A workflow that continues as new <see cref="MaxPerTurn"/> times
    /// without waiting is faulted instead, in its committed run, keeping <paramref name="received"/> (the events the
    /// turn received), so that a fixed deployment can resume it.
    /// </summary>
    public static ContinuedTurn Start(IWorkflowRegistration registration, ExecutionSettings settings, WorkflowExecution execution, TurnResult turn, int firstSequence, IReadOnlyList<HistoryEvent> received)
    {
        var (firstExecution, firstTurn) = (execution, turn);
        var messages = new List<InboxMessage>();
        HistoryEvent? started = null;
        var input = default(JsonPayload);
        for (var runs = 0; turn.Continuation is { } next; runs++)
        {
            if (runs == MaxPerTurn)
            {
                var error = new FailureDetails(FaultTypes.Faulted, $"Workflow '{registration.Name}' continued as new {MaxPerTurn:N0} times in one turn without waiting on anything.");
                return new ContinuedTurn(firstExecution, new TurnResult(WorkflowStatus.Faulted, received, [], [], [], default, error, firstTurn.CustomStatus), input, received.Count > 0 ? received[0] : null, Continued: false);
            }

            messages.AddRange(turn.Messages);
            var parent = execution.Parent;
            started = new HistoryEvent
            {
                Sequence = firstSequence,
                Type = HistoryEventType.WorkflowStarted,
                Timestamp = execution.UtcNow,
                Attempt = execution.Run + 1,
                Payload = next.Input,
                Name = parent?.InstanceId,
                Key = parent?.CallId,
            };
            var incoming = new List<HistoryEvent>(1 + next.Carried.Count) { started };
            foreach (var carried in next.Carried)
            {
                incoming.Add(carried with { Sequence = firstSequence + incoming.Count });
            }

            execution = new WorkflowExecution(registration, execution.InstanceId, settings, []);
            turn = execution.RunTurn(incoming);
            input = next.Input;
        }

        return new ContinuedTurn(execution, messages.Count == 0 ? turn : turn with { Messages = [.. messages, .. turn.Messages] }, input, started, Continued: true);
    }
}

/// <summary>
/// The last run started in a turn: its execution, its first turn, its input and its start event; or, when
/// <see cref="Continued"/> is false, the committed run faulted.
/// </summary>
internal sealed record ContinuedTurn(WorkflowExecution Execution, TurnResult Turn, JsonPayload Input, HistoryEvent? Started, bool Continued);
