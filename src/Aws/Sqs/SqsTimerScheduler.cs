using Amazon.SQS;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Orchestrator.Publishing;

namespace LambdaWorkflow.Aws.Sqs;

/// <summary>
/// Durable timers on AWS: each <c>TimerFired</c> waits in a standard SQS queue with a delivery delay of at most 15
/// minutes (the FIFO inbox takes no per-message delay); the timer queue's consumer runs a <see cref="TimerRelay"/>,
/// which sends a due timer to the inbox and puts a not-yet-due one back for the rest of its wait, hop by hop.
/// </summary>
public sealed class SqsTimerScheduler : ITimerScheduler
{
    /// <summary>SQS's longest delivery delay, in seconds.</summary>
    public const int MaxDelaySeconds = 900;

    private readonly SqsSender _sender;
    private readonly string _timerQueueUrl;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the scheduler.</summary>
    /// <param name="sqs">The SQS client.</param>
    /// <param name="timerQueueUrl">URL of the standard timer queue.</param>
    /// <param name="options">Retries, counter and limits; null for defaults.</param>
    /// <exception cref="ArgumentException">The URL names a FIFO queue, which cannot delay single messages.</exception>
    public SqsTimerScheduler(IAmazonSQS sqs, string timerQueueUrl, SqsAdapterOptions? options = null)
    {
        SqsQueueUrl.Validate(timerQueueUrl, nameof(timerQueueUrl));
        if (SqsQueueUrl.IsFifo(timerQueueUrl))
        {
            throw new ArgumentException("The timer queue must be a standard queue: SQS FIFO queues take no per-message delay.", nameof(timerQueueUrl));
        }

        _sender = new SqsSender(new SqsCallRunner(sqs, options));
        _timerQueueUrl = timerQueueUrl;
        _timeProvider = options?.TimeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public Task ScheduleAsync(IReadOnlyList<TimerFired> timers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timers);
        var now = _timeProvider.GetUtcNow();
        var messages = timers.Select(timer => SqsOutgoingMessage.FromInbox(timer, fifo: false) with { DelaySeconds = DelayOf(timer.FireAt - now) }).ToList();
        return _sender.SendBatchesAsync(_timerQueueUrl, messages, cancellationToken);
    }

    /// <summary>Whole seconds of delay for the next hop, rounded up so a timer is never early, capped at 15 minutes.</summary>
    internal static int DelayOf(TimeSpan wait) => wait <= TimeSpan.Zero ? 0 : (int)Math.Min(MaxDelaySeconds, Math.Ceiling(wait.TotalSeconds));
}
