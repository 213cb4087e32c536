using LambdaWorkflow.Contracts.Messages;

namespace LambdaWorkflow.Orchestrator.Publishing;

/// <summary>
/// Delivers <c>TimerFired</c> messages to the inbox when they come due (on AWS: SQS delivery delay, at most 15
/// minutes a hop, chained for longer waits; on the embedded runtime: a delayed queue on its clock).
/// </summary>
public interface ITimerScheduler
{
    /// <summary>Schedules each timer for its <see cref="TimerFired.FireAt"/>; at least once, never early.</summary>
    Task ScheduleAsync(IReadOnlyList<TimerFired> timers, CancellationToken cancellationToken = default);
}
