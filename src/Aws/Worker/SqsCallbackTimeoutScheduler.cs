using Amazon.SQS;
using LambdaWorkflow.ServiceHost.Callbacks;

namespace LambdaWorkflow.Aws.Worker;

/// <summary>
/// Runs callback timeout checks on AWS: the check is an SQS message to the service's own queue with a delivery delay
/// of up to 15 minutes (SQS's most); a check that arrives before its time schedules itself again. So a pending call's
/// timeout costs one message per 15 minutes of waiting, and fires within a receive of its due time.
/// </summary>
public sealed class SqsCallbackTimeoutScheduler : ICallbackTimeoutScheduler
{
    /// <summary>SQS's longest delivery delay.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    private readonly ISqsWorkerQueue _queue;
    private readonly Func<string, string> _queueUrlOf;

    /// <summary>Creates a scheduler for services that each have a queue.</summary>
    /// <param name="sqs">The SQS client.</param>
    /// <param name="queueUrlOf">The queue URL of a service (the queue its calls arrive on).</param>
    public SqsCallbackTimeoutScheduler(IAmazonSQS sqs, Func<string, string> queueUrlOf)
        : this(new SqsWorkerQueue(sqs ?? throw new ArgumentNullException(nameof(sqs))), queueUrlOf)
    {
    }

    /// <summary>Creates a scheduler that sends every check to one queue (a worker or function serving one queue).</summary>
    /// <param name="sqs">The SQS client.</param>
    /// <param name="queueUrl">The service queue's URL.</param>
    public SqsCallbackTimeoutScheduler(IAmazonSQS sqs, string queueUrl)
        : this(sqs, _ => queueUrl)
    {
        ArgumentException.ThrowIfNullOrEmpty(queueUrl);
    }

    internal SqsCallbackTimeoutScheduler(ISqsWorkerQueue queue, Func<string, string> queueUrlOf)
    {
        ArgumentNullException.ThrowIfNull(queueUrlOf);
        _queue = queue;
        _queueUrlOf = queueUrlOf;
    }

    /// <inheritdoc />
    public Task ScheduleAsync(string service, string messageBody, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        ArgumentException.ThrowIfNullOrEmpty(messageBody);
        var capped = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay;
        return _queue.SendAsync(_queueUrlOf(service), new SqsOutgoing(messageBody, Delay: capped), cancellationToken);
    }
}
