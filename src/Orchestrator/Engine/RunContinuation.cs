using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>
/// A run that ended by continuing as new: the next run's input, and the events it starts with after its start: the
/// ids of events already consumed, a cancellation request, and external events nobody took yet.
/// </summary>
internal sealed record RunContinuation(JsonPayload Input, IReadOnlyList<HistoryEvent> Carried);
