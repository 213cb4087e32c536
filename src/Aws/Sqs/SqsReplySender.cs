using Amazon.SQS;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.ServiceHost;

namespace LambdaWorkflow.Aws.Sqs;

/// <summary>
/// Sends a service's reply to the queue URL the call named as <c>replyTo</c>. To a FIFO queue (name ending in
/// <c>.fifo</c>) the reply goes with the instance id as message group and its deduplication id, so a resent reply
/// is dropped; to a standard queue, plainly. A batch's replies go with <c>SendMessageBatch</c>, up to ten a request
/// per queue, each reply settled on its own.
/// </summary>
public sealed class SqsReplySender : IBatchReplySender
{
    private readonly SqsSender _sender;

    /// <summary>Creates the sender.</summary>
    /// <param name="sqs">The SQS client.</param>
    /// <param name="options">Retries, counter and limits; null for defaults.</param>
    public SqsReplySender(IAmazonSQS sqs, SqsAdapterOptions? options = null) =>
        _sender = new SqsSender(new SqsCallRunner(sqs, options));

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="replyTo"/> is not a queue URL.</exception>
    /// <exception cref="SqsException">The reply is over the size limit, SQS refused it, or SQS stayed unavailable through the retries.</exception>
    public Task SendAsync(string replyTo, InboxMessage reply, CancellationToken cancellationToken = default)
    {
        SqsQueueUrl.Validate(replyTo, nameof(replyTo));
        ArgumentNullException.ThrowIfNull(reply);
        return _sender.SendAsync(replyTo, SqsOutgoingMessage.FromInbox(reply, SqsQueueUrl.IsFifo(replyTo)), cancellationToken);
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
