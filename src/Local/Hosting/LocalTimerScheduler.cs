using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Local.Queues;
using LambdaWorkflow.Orchestrator.Publishing;

namespace LambdaWorkflow.Local.Hosting;

/// <summary>
/// Durable timers on the embedded runtime: each timer waits in a delayed standard queue on the runtime's clock (the
/// FIFO inbox takes no per-message delay, on SQS either), and <see cref="TimerRelay"/> moves it into the inbox when due.
/// </summary>
public sealed class LocalTimerScheduler(LocalQueue timerQueue, TimeProvider timeProvider) : ITimerScheduler
{
    /// <inheritdoc />
    public Task ScheduleAsync(IReadOnlyList<TimerFired> timers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timers);
        foreach (var timer in timers)
        {
            var wait = timer.FireAt - timeProvider.GetUtcNow();
            timerQueue.SendUtf8(InboxMessageReader.ToUtf8(timer), delay: wait < TimeSpan.Zero ? TimeSpan.Zero : Clamp(wait));
        }

        return Task.CompletedTask;
    }

    /// <summary>The longest single wait the timer queue takes; longer timers hop more than once.</summary>
    internal TimeSpan Clamp(TimeSpan wait) => wait > timerQueue.Options.MaxDelay ? timerQueue.Options.MaxDelay : wait;
}
