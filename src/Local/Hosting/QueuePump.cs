using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.Local.Queues;

namespace LambdaWorkflow.Local.Hosting;

/// <summary>
/// Drives a handler from a queue the way Lambda's SQS event source mapping does: receive a batch, hand it over,
/// delete what completed, leave what must be retried (visible again after a short back-off), and move dead
/// letters to the dead-letter queue with their reason.
/// </summary>
internal sealed class QueuePump(
    LocalQueue queue,
    Func<IReadOnlyList<QueueMessage>, CancellationToken, Task<IReadOnlyList<MessageOutcome>>> handler,
    int concurrency,
    TimeSpan retryDelay,
    Action<QueueMessage, MessageOutcome>? observer = null) : IAsyncDisposable
{
    private static readonly TimeSpan PollWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(12);
    private readonly List<Task> _loops = [];
    private CancellationTokenSource? _stop;

    public LocalQueue Queue => queue;

    public void Start()
    {
        _stop = new CancellationTokenSource();
        for (var i = 0; i < concurrency; i++)
        {
            _loops.Add(Task.Run(() => RunAsync(_stop.Token)));
        }
    }

    public async Task StopAsync()
    {
        if (_stop is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
        _stop.Dispose();
        _stop = null;
        _loops.Clear();
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            IReadOnlyList<ReceivedLocalMessage> received;
            try
            {
                received = await queue.ReceiveAsync(10, PollWait, cancellationToken: stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (received.Count == 0)
            {
                continue;
            }

            var batch = new QueueMessage[received.Count];
            for (var i = 0; i < received.Count; i++)
            {
                var m = received[i];
                batch[i] = new QueueMessage(m.MessageId, m.Utf8Body, m.SentAt, m.ReceiveCount, m.GroupId);
            }

            IReadOnlyList<MessageOutcome> outcomes;
            try
            {
                // The handler keeps running to the end of its batch even when the pump stops: like Lambda, an invocation finishes.
                outcomes = await handler(batch, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                outcomes = [.. batch.Select(m => MessageOutcome.Retry(m.MessageId, "handler threw " + ex.GetType().Name + ": " + ex.Message))];
            }

            for (var i = 0; i < received.Count; i++)
            {
                Settle(received[i], outcomes[i]);
                observer?.Invoke(batch[i], outcomes[i]);
            }
        }
    }

    private void Settle(ReceivedLocalMessage message, MessageOutcome outcome)
    {
        switch (outcome.Disposition)
        {
            case MessageDisposition.Completed:
                queue.Delete(message.ReceiptHandle);
                break;
            case MessageDisposition.Retry:
                // The handler's hint wins (another delivery holds the call until then); otherwise back off per receive.
                var backoff = outcome.RetryAfter is { } after
                    ? (after > MaxRetryAfter ? MaxRetryAfter : after)
                    : TimeSpan.FromTicks(retryDelay.Ticks * Math.Min(1 << Math.Min(message.ReceiveCount - 1, 6), 64));
                queue.ChangeVisibility(message.ReceiptHandle, backoff);
                break;
            case MessageDisposition.DeadLetter:
                DeadLetter(message, outcome.Reason ?? "no reason given");
                break;
        }
    }

    private void DeadLetter(ReceivedLocalMessage message, string reason)
    {
        var dlq = queue.DeadLetterQueue;
        if (dlq is null)
        {
            // Nowhere to put it: leave it to be retried until an operator looks, rather than lose it.
            queue.ChangeVisibility(message.ReceiptHandle, queue.Options.VisibilityTimeout);
            return;
        }

        var attributes = new Dictionary<string, string>(message.Attributes, StringComparer.Ordinal)
        {
            [DeadLetterAttributes.Reason] = reason.Length > 1000 ? reason[..1000] : reason,
            [DeadLetterAttributes.SourceQueue] = queue.Name,
            [DeadLetterAttributes.OriginalMessageId] = message.MessageId,
        };
        dlq.SendBody(message.MessageBody, attributes, dlq.Options.Fifo ? message.GroupId ?? "dead-letters" : null, dlq.Options.Fifo ? message.MessageId : null);
        queue.Delete(message.ReceiptHandle);
    }
}
