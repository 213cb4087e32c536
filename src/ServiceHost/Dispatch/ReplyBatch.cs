using System.Collections.Concurrent;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.ServiceHost.Dispatch;

/// <summary>
/// The replies of one batch of messages, held until the batch is handled and then sent together. Each reply
/// belongs to the message that produced it; a reply that cannot be sent turns that message's outcome into a retry.
/// </summary>
/// <remarks>
/// Holding a reply is safe because it is only held, never dropped: the message stays undeleted until its reply is
/// sent, and an answer recorded in the idempotency store is re-sent on redelivery without running the handler.
/// </remarks>
internal sealed class ReplyBatch(IBatchReplySender sender, ILogger logger)
{
    private readonly ConcurrentDictionary<QueueMessage, (CallRequest Call, InboxMessage Reply)> _held = new(ReferenceEqualityComparer.Instance);

    /// <summary>Replies held so far.</summary>
    public int Count => _held.Count;

    /// <summary>Holds the reply of <paramref name="message"/> for <see cref="SendAsync"/>.</summary>
    /// <exception cref="InvalidOperationException">The message already has a reply held.</exception>
    public void Add(QueueMessage message, CallRequest call, InboxMessage reply)
    {
        if (!_held.TryAdd(message, (call, reply)))
        {
            throw new InvalidOperationException($"Message {message.MessageId} already has a reply waiting in its batch.");
        }
    }

    /// <summary>Sends the held replies; returns, for each message whose reply was not sent, the call and the reason.</summary>
    /// <param name="batch">The batch's messages, whose order the replies keep.</param>
    public async Task<Dictionary<QueueMessage, (CallRequest Call, string Reason)>> SendAsync(IReadOnlyList<QueueMessage> batch)
    {
        var failed = new Dictionary<QueueMessage, (CallRequest Call, string Reason)>(ReferenceEqualityComparer.Instance);
        if (_held.IsEmpty)
        {
            return failed;
        }

        var entries = batch.Where(_held.ContainsKey).Distinct(ReferenceEqualityComparer.Instance).Cast<QueueMessage>()
            .Select(message => KeyValuePair.Create(message, _held[message])).ToArray();
        IReadOnlyList<Exception?> results;
        try
        {
            // The answers exist: send them even if the host is stopping, as a single reply would be. A lone reply
            // goes plainly: a batch of one costs the same and says less.
            if (entries.Length == 1)
            {
                await sender.SendAsync(entries[0].Value.Call.ReplyTo, entries[0].Value.Reply, CancellationToken.None).ConfigureAwait(false);
                results = [null];
            }
            else
            {
                results = await sender.SendBatchAsync([.. entries.Select(e => new OutgoingReply(e.Value.Call.ReplyTo, e.Value.Reply))], CancellationToken.None)
                    .ConfigureAwait(false);
                if (results is null || results.Count != entries.Length)
                {
                    throw new InvalidOperationException(
                        $"The reply sender returned {results?.Count ?? 0} results for {entries.Length} replies; it must return one per reply.");
                }
            }
        }
        catch (Exception ex)
        {
            // Nothing is known to be sent: every message of the batch is redelivered and re-sends its recorded answer.
            results = [.. entries.Select(_ => ex)];
        }

        for (var i = 0; i < entries.Length; i++)
        {
            if (results[i] is { } error)
            {
                var (message, (call, _)) = (entries[i].Key, entries[i].Value);
                Log.ReplyFailed(logger, call.CallId, call.ReplyTo, message.MessageId, error);
                failed[message] = (call, $"The reply to call {call.CallId} could not be sent to '{call.ReplyTo}': {error.Message}");
            }
        }

        return failed;
    }
}
