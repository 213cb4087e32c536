using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;

namespace LambdaWorkflow.Orchestrator.Publishing;

/// <summary>
/// Consumes the timer queue: a timer that is due goes to the workflow inbox as <c>TimerFired</c>; one that is not yet
/// due (a long timer hops in steps of the queue's longest delay) is scheduled again for the rest of its wait.
/// </summary>
public sealed class TimerRelay(IInboxSender inbox, ITimerScheduler timers, TimeProvider timeProvider)
{
    /// <summary>Handles a batch of timer-queue messages.</summary>
    public async Task<IReadOnlyList<MessageOutcome>> HandleBatchAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var outcomes = new MessageOutcome[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            try
            {
                if (InboxMessageReader.Parse(message.Body.Span) is not TimerFired timer)
                {
                    outcomes[i] = MessageOutcome.DeadLetter(message.MessageId, "the timer queue holds only TimerFired messages");
                    continue;
                }

                if (timer.FireAt > timeProvider.GetUtcNow())
                {
                    await timers.ScheduleAsync([timer], cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await inbox.SendAsync([timer], cancellationToken).ConfigureAwait(false);
                }

                outcomes[i] = MessageOutcome.Completed(message.MessageId);
            }
            catch (MessageFormatException ex)
            {
                outcomes[i] = MessageOutcome.DeadLetter(message.MessageId, ex.Message);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                outcomes[i] = MessageOutcome.Retry(message.MessageId, ex.Message);
            }
        }

        return outcomes;
    }
}
