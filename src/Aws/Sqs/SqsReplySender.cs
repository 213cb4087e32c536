using System.Collections.Concurrent;
using Amazon.SQS;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.ServiceHost;

namespace LambdaWorkflow.Aws.Sqs;

/// <summary>
/// Sends a service's reply to the queue URL the call named as <c>replyTo</c>. To a FIFO queue (name ending in
/// <c>.fifo</c>) the reply goes with the instance id as message group and its deduplication id, so a resent reply
/// is dropped; to a standard queue, plainly. A batch's replies go with <c>SendMessageBatch</c>, up to ten a request
/// per queue, each reply settled on its own. Single replies sent at the same time to one queue (a worker handling
/// many messages at once) are group-committed: one goes at once, and those that arrive while it is in flight go
/// together in the next <c>SendMessageBatch</c>.
/// </summary>
public sealed class SqsReplySender : IBatchReplySender
{
    private readonly SqsSender _sender;
    private readonly ConcurrentDictionary<string, GroupCommit<SqsOutgoingMessage>> _singles = new(StringComparer.Ordinal);

    /// <summary>Creates the sender.</summary>
    /// <param name="sqs">The SQS client.</param>
    /// <param name="options">Retries, counter and limits; null for defaults.</param>
    public SqsReplySender(IAmazonSQS sqs, SqsAdapterOptions? options = null) =>
        _sender = new SqsSender(new SqsCallRunner(sqs, options));

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="replyTo"/> is not a queue URL.</exception>
    /// <exception cref="SqsException">The reply is over the size limit, SQS refused it, or SQS stayed unavailable through the retries.</exception>
    /// <remarks>
    /// Cancelling stops the wait, not the send: a reply already handed over may still arrive, which is safe (the
    /// inbox drops a resent reply by its deduplication id, and the orchestrator ignores a second result).
    /// </remarks>
    public Task SendAsync(string replyTo, InboxMessage reply, CancellationToken cancellationToken = default)
    {
        SqsQueueUrl.Validate(replyTo, nameof(replyTo));
        ArgumentNullException.ThrowIfNull(reply);
        var message = SqsOutgoingMessage.FromInbox(reply, SqsQueueUrl.IsFifo(replyTo));
        var singles = _singles.GetOrAdd(replyTo, queue => new GroupCommit<SqsOutgoingMessage>(batch => SendGroupAsync(queue, batch)));
        return singles.SubmitAsync(message, cancellationToken);
    }

    private async Task<IReadOnlyList<Exception?>> SendGroupAsync(string queueUrl, IReadOnlyList<SqsOutgoingMessage> messages)
    {
        // A lone reply goes plainly: a batch of one costs the same and says less.
        if (messages.Count == 1)
        {
            try
            {
                await _sender.SendAsync(queueUrl, messages[0], CancellationToken.None).ConfigureAwait(false);
                return [null];
            }
            catch (SqsException ex)
            {
                return [ex];
            }
        }

        return await _sender.SendEachAsync(queueUrl, messages, CancellationToken.None).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Replies are grouped by queue, in order, and each queue's go out in batch requests one after another; a reply
    /// that is invalid, too large, refused by SQS or still failing after the retries is reported with an
    /// <see cref="ArgumentException"/> or <see cref="SqsException"/>, without holding back the others.
    /// </remarks>
    public async Task<IReadOnlyList<Exception?>> SendBatchAsync(IReadOnlyList<OutgoingReply> replies, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replies);
        var results = new Exception?[replies.Count];
        var byQueue = new Dictionary<string, List<(int Index, SqsOutgoingMessage Message)>>(StringComparer.Ordinal);
        for (var i = 0; i < replies.Count; i++)
        {
            try
            {
                ArgumentNullException.ThrowIfNull(replies[i], nameof(replies));
                var (replyTo, reply) = replies[i];
                SqsQueueUrl.Validate(replyTo, nameof(replies));
                ArgumentNullException.ThrowIfNull(reply, nameof(replies));
                if (!byQueue.TryGetValue(replyTo, out var queue))
                {
                    byQueue[replyTo] = queue = [];
                }

                queue.Add((i, SqsOutgoingMessage.FromInbox(reply, SqsQueueUrl.IsFifo(replyTo))));
            }
            catch (ArgumentException ex)
            {
                // One bad reply must not keep the others of the batch from being sent.
                results[i] = ex;
            }
        }

        await Task.WhenAll(byQueue.Select(async queue =>
        {
            var sent = await _sender.SendEachAsync(queue.Key, [.. queue.Value.Select(e => e.Message)], cancellationToken).ConfigureAwait(false);
            for (var j = 0; j < sent.Length; j++)
            {
                results[queue.Value[j].Index] = sent[j];
            }
        })).ConfigureAwait(false);
        return results;
    }
}
