using LambdaWorkflow.Local.Queues;
using LambdaWorkflow.ServiceHost.Callbacks;

namespace LambdaWorkflow.Local.Hosting;

/// <summary>
/// Runs callback timeout checks on the embedded runtime: a delayed message on the service's queue
/// (<c>{prefix}{service}</c>), capped at the queue's longest delay (15 minutes, as SQS); an early check schedules
/// itself again. The queue's clock decides when it shows, so a fake clock drives timeouts in tests.
/// </summary>
public sealed class LocalQueueCallbackScheduler(LocalQueueRegistry queues, string queuePrefix) : ICallbackTimeoutScheduler
{
    /// <inheritdoc />
    public Task ScheduleAsync(string service, string messageBody, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        ArgumentNullException.ThrowIfNull(queues);
        var queue = queues.GetQueue(queuePrefix + service);
        var capped = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > queue.Options.MaxDelay ? queue.Options.MaxDelay : delay;
        queue.Send(messageBody, delay: capped);
        return Task.CompletedTask;
    }
}
