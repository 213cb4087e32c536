using System.Globalization;
using System.Text;
using System.Text.Json;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Lambda;
using LambdaWorkflow.Contracts.Transport;

namespace LambdaWorkflow.Aws.Lambda;

/// <summary>Reads Lambda's SQS event and turns its records into transport-neutral <see cref="QueueMessage"/>s.</summary>
public static class SqsEventReader
{
    /// <summary>System attribute: how many times the message was received, this time included.</summary>
    public const string ApproximateReceiveCount = "ApproximateReceiveCount";

    /// <summary>System attribute: when SQS accepted the message, in epoch milliseconds.</summary>
    public const string SentTimestamp = "SentTimestamp";

    /// <summary>System attribute of FIFO messages: the message group.</summary>
    public const string MessageGroupId = "MessageGroupId";

    private const string FifoSuffix = ".fifo";

    /// <summary>Reads and checks the event from the invocation payload.</summary>
    /// <exception cref="SqsEventFormatException">The payload is not JSON, has no <c>Records</c>, or a record has no <c>messageId</c>.</exception>
    public static async Task<SqsEvent> ReadAsync(Stream input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        SqsEvent? sqsEvent;
        try
        {
            sqsEvent = await JsonSerializer.DeserializeAsync(input, ContractsJsonContext.Default.SqsEvent, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new SqsEventFormatException($"The invocation payload is not an SQS event: it is not valid JSON of that shape ({ex.Message}).", ex);
        }

        if (sqsEvent is null)
        {
            throw new SqsEventFormatException("The invocation payload is not an SQS event: it is the JSON literal null.");
        }

        Validate(sqsEvent);
        return sqsEvent;
    }

    /// <summary>Checks that the event has records and that every record can be answered by its message id.</summary>
    /// <exception cref="SqsEventFormatException">No <c>Records</c>, or a record without <c>messageId</c>.</exception>
    public static void Validate(SqsEvent sqsEvent)
    {
        ArgumentNullException.ThrowIfNull(sqsEvent);

        // The event source mapping never invokes with an empty batch: an empty list means the field was missing.
        if (sqsEvent.Records is null || sqsEvent.Records.Count == 0)
        {
            throw new SqsEventFormatException("The invocation payload is not an SQS event: it has no 'Records'.");
        }

        for (var i = 0; i < sqsEvent.Records.Count; i++)
        {
            if (sqsEvent.Records[i] is null || string.IsNullOrEmpty(sqsEvent.Records[i].MessageId))
            {
                throw new SqsEventFormatException($"Record {i} of the SQS event has no 'messageId', so its outcome could not be reported.");
            }
        }
    }

    /// <summary>
    /// True when the batch comes from a FIFO queue: its <c>eventSourceARN</c> ends in <c>.fifo</c> or its records carry
    /// a message group. Failures then hold back the later records of their group.
    /// </summary>
    public static bool IsFifo(SqsEvent sqsEvent)
    {
        ArgumentNullException.ThrowIfNull(sqsEvent);
        return sqsEvent.Records.Any(r =>
            (r.EventSourceArn?.EndsWith(FifoSuffix, StringComparison.Ordinal) ?? false) || GroupOf(r) is not null);
    }

    /// <summary>The record's message group, if any.</summary>
    public static string? GroupOf(SqsMessageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Attributes?.GetValueOrDefault(MessageGroupId) is { Length: > 0 } group ? group : null;
    }

    /// <summary>Converts a record: body as UTF-8, <c>SentTimestamp</c> as the send time, <c>ApproximateReceiveCount</c>, message group.</summary>
    /// <exception cref="SqsEventFormatException">The record lacks a valid <c>SentTimestamp</c> or <c>ApproximateReceiveCount</c>.</exception>
    public static QueueMessage ToQueueMessage(SqsMessageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var attributes = record.Attributes ?? new Dictionary<string, string>();
        if (!long.TryParse(attributes.GetValueOrDefault(SentTimestamp), NumberStyles.None, CultureInfo.InvariantCulture, out var sentMs)
            || sentMs > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            throw new SqsEventFormatException($"Record '{record.MessageId}' has no valid '{SentTimestamp}' attribute (epoch milliseconds).");
        }

        if (!int.TryParse(attributes.GetValueOrDefault(ApproximateReceiveCount), NumberStyles.None, CultureInfo.InvariantCulture, out var receiveCount)
            || receiveCount < 1)
        {
            throw new SqsEventFormatException($"Record '{record.MessageId}' has no valid '{ApproximateReceiveCount}' attribute.");
        }

        return new QueueMessage(
            record.MessageId,
            Encoding.UTF8.GetBytes(record.Body ?? string.Empty),
            DateTimeOffset.FromUnixTimeMilliseconds(sentMs),
            receiveCount,
            GroupOf(record));
    }
}
