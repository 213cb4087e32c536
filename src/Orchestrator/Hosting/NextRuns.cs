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

    /// <exception cref="RejectedMessageException">The workflow continued as new <see cref="MaxPerTurn"/> times without waiting.</exception>
    public static ContinuedTurn Start(IWorkflowRegistration registration, ExecutionSettings settings, WorkflowExecution execution, TurnResult turn, int firstSequence)
    {
        var messages = new List<InboxMessage>();
        HistoryEvent? started = null;
        var input = default(JsonPayload);
        for (var runs = 0; turn.Continuation is { } next; runs++)
        {
            if (runs == MaxPerTurn)
            {
                throw new RejectedMessageException($"Workflow '{registration.Name}' of instance '{execution.InstanceId}' continued as new {MaxPerTurn:N0} times in one turn without waiting on anything; the instance stays at its last committed run.");
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

        return new ContinuedTurn(execution, messages.Count == 0 ? turn : turn with { Messages = [.. messages, .. turn.Messages] }, input, started!);
    }
}

/// <summary>The last run started in a turn: its execution, its first turn, its input and its start event.</summary>
internal sealed record ContinuedTurn(WorkflowExecution Execution, TurnResult Turn, JsonPayload Input, HistoryEvent Started);
