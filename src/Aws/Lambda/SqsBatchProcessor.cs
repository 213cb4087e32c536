using System.Text;
using System.Text.Json;
using LambdaWorkflow.Aws.Sqs;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Lambda;
using LambdaWorkflow.Contracts.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LambdaWorkflow.Aws.Lambda;

/// <summary>
/// Turns Lambda's SQS event into a partial batch response (<c>ReportBatchItemFailures</c>): converts the records,
/// runs the handler, dead-letters what it rejects and reports the rest of what did not complete as failed.
/// </summary>
/// <remarks>
/// <para>Outcomes: <see cref="MessageDisposition.Completed"/> is left out of the response, so Lambda deletes it;
/// <see cref="MessageDisposition.Retry"/> is reported failed, so SQS redelivers it after the visibility timeout;
/// <see cref="MessageDisposition.DeadLetter"/> is sent to the dead-letter sink with its reason and then left out too
/// — unless that send fails or there is no sink, in which case it is reported failed: never lost.</para>
/// <para>On a FIFO source, once a record of a message group is reported failed, every later record of that group is
/// reported failed too (and none of them is dead-lettered), as Lambda requires to keep the group's order. Other
/// groups are unaffected. A handler that already ran such a later record sees it again: handlers are idempotent.</para>
/// </remarks>
public sealed class SqsBatchProcessor
{
    private readonly Func<IReadOnlyList<QueueMessage>, CancellationToken, Task<IReadOnlyList<MessageOutcome>>> _handler;
    private readonly IDeadLetterSink? _deadLetters;
    private readonly ILogger _logger;

    /// <summary>Creates the processor.</summary>
    /// <param name="handler">The batch handler, such as <c>WorkflowOrchestrator.HandleBatchAsync</c>: one outcome per message, in order.</param>
    /// <param name="deadLetters">Where dead letters go; null reports them failed, leaving them to the queue's redrive policy.</param>
    /// <param name="logger">Logger; null for none.</param>
    public SqsBatchProcessor(
        Func<IReadOnlyList<QueueMessage>, CancellationToken, Task<IReadOnlyList<MessageOutcome>>> handler,
        IDeadLetterSink? deadLetters = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handler = handler;
        _deadLetters = deadLetters;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Reads the event from the invocation payload, processes it and writes the response JSON.</summary>
    /// <exception cref="SqsEventFormatException">The payload is not an SQS event.</exception>
    public async Task<Stream> ProcessAsync(Stream input, CancellationToken cancellationToken = default)
    {
        var sqsEvent = await SqsEventReader.ReadAsync(input, cancellationToken).ConfigureAwait(false);
        var response = await ProcessAsync(sqsEvent, cancellationToken).ConfigureAwait(false);
        return await WriteResponseAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The partial batch response as the JSON stream Lambda reads.</summary>
    internal static async Task<Stream> WriteResponseAsync(SqsBatchResponse response, CancellationToken cancellationToken)
    {
        var output = new MemoryStream();
        await JsonSerializer.SerializeAsync(output, response, ContractsJsonContext.Default.SqsBatchResponse, cancellationToken).ConfigureAwait(false);
        output.Position = 0;
        return output;
    }

    /// <summary>Processes one batch.</summary>
    /// <returns>The records Lambda must not delete, in record order.</returns>
    /// <exception cref="SqsEventFormatException">The event has no records, or a record has no message id.</exception>
    /// <exception cref="InvalidOperationException">The handler did not return one outcome per message, in order.</exception>
    public async Task<SqsBatchResponse> ProcessAsync(SqsEvent sqsEvent, CancellationToken cancellationToken = default)
    {
        SqsEventReader.Validate(sqsEvent);
        var records = sqsEvent.Records;
        var outcomes = await RunHandlerAsync(records, cancellationToken).ConfigureAwait(false);

        // Settle in record order, so that a failure holds back what follows it in its group.
        var fifo = SqsEventReader.IsFifo(sqsEvent);
        var heldGroups = new HashSet<string>(StringComparer.Ordinal);
        var failures = new List<BatchItemFailure>();
        var deadLettered = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var (message, outcome) = outcomes[i];
            var group = fifo ? SqsEventReader.GroupOf(record) ?? string.Empty : null;
            var held = group is not null && heldGroups.Contains(group);
            var completed = !held && await SettleAsync(message, outcome, record.EventSourceArn, cancellationToken).ConfigureAwait(false);
            if (completed)
            {
                deadLettered += outcome.Disposition == MessageDisposition.DeadLetter ? 1 : 0;
                continue;
            }

            failures.Add(new BatchItemFailure(record.MessageId));
            if (group is not null)
            {
                heldGroups.Add(group);
            }
        }

        LambdaLog.BatchDone(_logger, records.Count, records[0].EventSourceArn ?? "unknown source", failures.Count, deadLettered);
        return new SqsBatchResponse { BatchItemFailures = failures };
    }

    /// <summary>Converts the records and runs the handler on those that convert; the others become dead letters.</summary>
    private async Task<(QueueMessage Message, MessageOutcome Outcome)[]> RunHandlerAsync(IReadOnlyList<SqsMessageRecord> records, CancellationToken cancellationToken)
    {
        var results = new (QueueMessage Message, MessageOutcome Outcome)[records.Count];
        var messages = new List<QueueMessage>(records.Count);
        var positions = new List<int>(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            try
            {
                messages.Add(SqsEventReader.ToQueueMessage(records[i]));
                positions.Add(i);
            }
            catch (SqsEventFormatException ex)
            {
                // The handler cannot take it, and waiting will not make it readable: keep it aside with the reason.
                LambdaLog.MalformedRecord(_logger, records[i].MessageId, ex.Message);
                var body = Encoding.UTF8.GetBytes(records[i].Body ?? string.Empty);
                results[i] = (
                    new QueueMessage(records[i].MessageId, body, DateTimeOffset.UnixEpoch, 1, SqsEventReader.GroupOf(records[i])),
                    MessageOutcome.DeadLetter(records[i].MessageId, ex.Message));
            }
        }

        if (messages.Count == 0)
        {
            return results;
        }

        var outcomes = await _handler(messages, cancellationToken).ConfigureAwait(false);
        if (outcomes is null || outcomes.Count != messages.Count)
        {
            throw new InvalidOperationException(
                $"The batch handler returned {outcomes?.Count ?? 0} outcomes for {messages.Count} messages; it must return one per message, in order.");
        }

        for (var j = 0; j < messages.Count; j++)
        {
            if (outcomes[j] is null || !string.Equals(outcomes[j].MessageId, messages[j].MessageId, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"Outcome {j} of the batch handler is for message '{outcomes[j]?.MessageId}', not '{messages[j].MessageId}'; it must return one per message, in order.");
            }

            results[positions[j]] = (messages[j], outcomes[j]);
        }

        return results;
    }

    /// <summary>Acts on an outcome; true when Lambda may delete the message.</summary>
    private async Task<bool> SettleAsync(QueueMessage message, MessageOutcome outcome, string? source, CancellationToken cancellationToken) =>
        outcome.Disposition switch
        {
            MessageDisposition.Completed => true,
            MessageDisposition.DeadLetter => await TryDeadLetterAsync(message, outcome.Reason ?? "no reason given", source, cancellationToken).ConfigureAwait(false),
            _ => false,
        };

    /// <summary>Sends a dead letter; false when it could not be kept, so the message must stay in its queue.</summary>
    private async Task<bool> TryDeadLetterAsync(QueueMessage message, string reason, string? source, CancellationToken cancellationToken)
    {
        if (_deadLetters is null)
        {
            LambdaLog.NoDeadLetterQueue(_logger, message.MessageId, reason);
            return false;
        }

        try
        {
            await _deadLetters.SendAsync(message, reason, source, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LambdaLog.DeadLetterFailed(_logger, message.MessageId, reason, ex);
            return false;
        }
    }
}
