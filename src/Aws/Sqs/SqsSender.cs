using Amazon.SQS.Model;

namespace LambdaWorkflow.Aws.Sqs;

/// <summary>
/// Sends messages one at a time (<c>SendMessage</c>) or in batches (<c>SendMessageBatch</c>: at most
/// <see cref="MaxBatchEntries"/> entries and <see cref="SqsAdapterOptions.MaxMessageBytes"/> bytes a request).
/// </summary>
internal sealed class SqsSender(SqsCallRunner runner)
{
    /// <summary>The most entries SQS accepts in one batch request.</summary>
    public const int MaxBatchEntries = 10;

    /// <summary>Sends one message.</summary>
    /// <exception cref="SqsException">The message is too large, or SQS refused it or stayed unavailable through the retries.</exception>
    public async Task SendAsync(string queueUrl, SqsOutgoingMessage message, CancellationToken cancellationToken)
    {
        EnsureFits(SqsOperations.SendMessage, queueUrl, message);
        var request = new SendMessageRequest
        {
            QueueUrl = queueUrl,
            MessageBody = message.Body,
            MessageGroupId = message.GroupId,
            MessageDeduplicationId = message.DeduplicationId,
            MessageAttributes = Attributes(message),
            DelaySeconds = message.DelaySeconds,
        };
        try
        {
            await runner.RunAsync(
                SqsOperations.SendMessage,
                queueUrl,
                (sqs, token) => sqs.SendMessageAsync(request, token),
                cancellationToken).ConfigureAwait(false);
        }
        catch (SqsException ex) when (ex.FailedMessage is null)
        {
            // One message, one failure: name it, as the batch path does.
            throw ex.ForMessage(message.Description);
        }
    }

    /// <summary>
    /// Sends the messages in order, in as few batch requests as the limits allow. Entries SQS fails on its side are
    /// sent again with backoff; an entry it refuses ends the send.
    /// </summary>
    /// <exception cref="SqsException">A message is too large, SQS refused one (named), or SQS stayed unavailable through the retries.</exception>
    public async Task SendBatchesAsync(string queueUrl, IReadOnlyList<SqsOutgoingMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            EnsureFits(SqsOperations.SendMessageBatch, queueUrl, message);
        }

        // One batch after another, so that a later batch never overtakes an earlier one of the same message group.
        foreach (var batch in Batches(messages, runner.Options.MaxMessageBytes))
        {
            await SendBatchAsync(queueUrl, batch, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends the messages in as few batch requests as the limits allow, settling each message on its own: entries SQS
    /// fails on its side are sent again with backoff, and a message that is too large, refused, or still failing after
    /// the retries is reported without holding back the others.
    /// </summary>
    /// <returns>One entry per message, in order: null when SQS accepted it, otherwise why not.</returns>
    public async Task<SqsException?[]> SendEachAsync(string queueUrl, IReadOnlyList<SqsOutgoingMessage> messages, CancellationToken cancellationToken)
    {
        var results = new SqsException?[messages.Count];
        var fitting = new List<int>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            if (TooLarge(SqsOperations.SendMessageBatch, queueUrl, messages[i]) is { } error)
            {
                results[i] = error;
            }
            else
            {
                fitting.Add(i);
            }
        }

        foreach (var batch in Batches(fitting, i => messages[i].Size, runner.Options.MaxMessageBytes))
        {
            await SendEachBatchAsync(queueUrl, messages, batch, results, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    /// <summary>Splits the messages, in order, into batches within the entry and byte limits.</summary>
    internal static IEnumerable<IReadOnlyList<SqsOutgoingMessage>> Batches(IReadOnlyList<SqsOutgoingMessage> messages, int maxBytes) =>
        Batches(messages, message => message.Size, maxBytes);

    /// <summary>Splits the items, in order, into batches of at most <see cref="MaxBatchEntries"/> and <paramref name="maxBytes"/> bytes.</summary>
    internal static IEnumerable<IReadOnlyList<T>> Batches<T>(IReadOnlyList<T> items, Func<T, int> sizeOf, int maxBytes)
    {
        var batch = new List<T>(MaxBatchEntries);
        var bytes = 0;
        foreach (var message in items)
        {
            var size = sizeOf(message);
            if (batch.Count == MaxBatchEntries || (batch.Count > 0 && bytes + size > maxBytes))
            {
                yield return batch;
                batch = new List<T>(MaxBatchEntries);
                bytes = 0;
            }

            batch.Add(message);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private async Task SendBatchAsync(string queueUrl, IReadOnlyList<SqsOutgoingMessage> batch, CancellationToken cancellationToken)
    {
        // Entry ids only need to be unique within a request; the position keeps them short and traceable.
        var pending = batch.Select((message, i) => (Id: "m" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), Message: message)).ToList();
        await runner.RunAsync(
            SqsOperations.SendMessageBatch,
            queueUrl,
            async (sqs, token) =>
            {
                var response = await sqs.SendMessageBatchAsync(
                    new SendMessageBatchRequest
                    {
                        QueueUrl = queueUrl,
                        Entries = [.. pending.Select(entry => Entry(entry.Id, entry.Message))],
                    },
                    token).ConfigureAwait(false);

                // SDK v4 gives null rather than an empty list. An entry reported neither way is sent again:
                // a duplicate is harmless (FIFO drops it, receivers are idempotent), a loss is not.
                var succeeded = response.Successful?.Select(entry => entry.Id).ToHashSet(StringComparer.Ordinal) ?? [];
                pending.RemoveAll(entry => succeeded.Contains(entry.Id));
                if (pending.Count > 0)
                {
                    throw EntryFailure(queueUrl, pending, response.Failed);
                }

                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task SendEachBatchAsync(
        string queueUrl, IReadOnlyList<SqsOutgoingMessage> messages, IReadOnlyList<int> batch, SqsException?[] results, CancellationToken cancellationToken)
    {
        var pending = batch.Select(i => (Id: "m" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), Message: messages[i], Index: i)).ToList();
        try
        {
            await runner.RunAsync(
                SqsOperations.SendMessageBatch,
                queueUrl,
                async (sqs, token) =>
                {
                    var response = await sqs.SendMessageBatchAsync(
                        new SendMessageBatchRequest { QueueUrl = queueUrl, Entries = [.. pending.Select(entry => Entry(entry.Id, entry.Message))] },
                        token).ConfigureAwait(false);
                    var succeeded = response.Successful?.Select(entry => entry.Id).ToHashSet(StringComparer.Ordinal) ?? [];
                    var failures = (response.Failed ?? []).Where(f => f.Id is not null).ToDictionary(f => f.Id, StringComparer.Ordinal);
                    pending.RemoveAll(entry => succeeded.Contains(entry.Id));

                    // A refused entry would be refused again: settle it now, and retry only what SQS failed on its side
                    // or did not report (a duplicate is harmless, a loss is not).
                    pending.RemoveAll(entry =>
                    {
                        if (!failures.TryGetValue(entry.Id, out var f) || SqsTransientErrors.IsTransientEntry(f.SenderFault, f.Code))
                        {
                            return false;
                        }

                        results[entry.Index] = new SqsException(
                            SqsOperations.SendMessageBatch, queueUrl, $"{f.Code} (sender fault): {f.Message}", f.Code, failedMessage: entry.Message.Description);
                        return true;
                    });
                    if (pending.Count > 0)
                    {
                        throw EntryFailure(queueUrl, [.. pending.Select(entry => (entry.Id, entry.Message))], response.Failed);
                    }

                    return true;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (SqsException ex)
        {
            foreach (var entry in pending)
            {
                results[entry.Index] = string.Equals(ex.FailedMessage, entry.Message.Description, StringComparison.Ordinal) ? ex : ex.ForMessage(entry.Message.Description);
            }
        }
    }

    private static SendMessageBatchRequestEntry Entry(string id, SqsOutgoingMessage message) => new()
    {
        Id = id,
        MessageBody = message.Body,
        MessageGroupId = message.GroupId,
        MessageDeduplicationId = message.DeduplicationId,
        MessageAttributes = Attributes(message),
        DelaySeconds = message.DelaySeconds,
    };

    /// <summary>The error for the first entry still pending; transient unless SQS blamed the request for one of them.</summary>
    private static SqsException EntryFailure(string queueUrl, List<(string Id, SqsOutgoingMessage Message)> pending, List<BatchResultErrorEntry>? failed)
    {
        var failures = (failed ?? []).Where(f => f.Id is not null).ToDictionary(f => f.Id, StringComparer.Ordinal);
        var refused = pending.FirstOrDefault(entry =>
            failures.TryGetValue(entry.Id, out var f) && !SqsTransientErrors.IsTransientEntry(f.SenderFault, f.Code));
        var (id, message) = refused.Message is not null ? refused : pending[0];
        var failure = failures.GetValueOrDefault(id);
        var others = pending.Count > 1 ? $" ({pending.Count - 1} more entries of the batch failed too)" : string.Empty;
        var problem = failure is null
            ? "SQS reported the entry neither sent nor failed" + others
            : $"{failure.Code}{(failure.SenderFault == true ? " (sender fault)" : string.Empty)}: {failure.Message}{others}";
        return new SqsException(
            SqsOperations.SendMessageBatch,
            queueUrl,
            problem,
            failure?.Code,
            isTransient: refused.Message is null,
            failedMessage: message.Description);
    }

    private void EnsureFits(string operation, string queueUrl, SqsOutgoingMessage message)
    {
        if (TooLarge(operation, queueUrl, message) is { } error)
        {
            throw error;
        }
    }

    private SqsException? TooLarge(string operation, string queueUrl, SqsOutgoingMessage message)
    {
        var size = message.Size;
        return size <= runner.Options.MaxMessageBytes
            ? null
            : new SqsException(
                operation,
                queueUrl,
                $"the message is {size} bytes, over the {runner.Options.MaxMessageBytes}-byte limit of an SQS message",
                "MessageTooLong",
                failedMessage: message.Description);
    }

    private static Dictionary<string, MessageAttributeValue>? Attributes(SqsOutgoingMessage message) =>
        message.Attributes?.ToDictionary(
            pair => pair.Key,
            pair => new MessageAttributeValue { DataType = "String", StringValue = pair.Value },
            StringComparer.Ordinal);
}
