namespace LambdaWorkflow.ServiceHost.Callbacks;

/// <summary>
/// Delivers a timeout check of a pending call to the service's own queue after a delay, where the dispatcher picks
/// it up: an SQS delayed message on AWS, a delayed embedded-queue message locally. A check that arrives early
/// schedules itself again, so a scheduler may cap the delay (SQS: 15 minutes); checks are idempotent, so one
/// delivered twice does no harm.
/// </summary>
public interface ICallbackTimeoutScheduler
{
    /// <summary>Sends <paramref name="messageBody"/> to <paramref name="service"/>'s queue, visible after about <paramref name="delay"/> (or the scheduler's cap).</summary>
    /// <param name="service">The service whose call is pending.</param>
    /// <param name="messageBody">The check message, to be delivered unchanged.</param>
    /// <param name="delay">When the check is due; zero or more.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    Task ScheduleAsync(string service, string messageBody, TimeSpan delay, CancellationToken cancellationToken = default);
}
