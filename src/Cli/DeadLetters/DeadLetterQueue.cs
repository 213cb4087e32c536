using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using LambdaWorkflow.Contracts.Transport;

namespace LambdaWorkflow.Cli.DeadLetters;

/// <summary>
/// Reads a dead-letter queue without losing anything: messages are received hidden (so paging sees each once), and
/// every message not moved is made visible again at the end.
/// </summary>
internal sealed class DeadLetterQueue(IAmazonSQS sqs, string url)
{
    private const int BatchSize = 10;

    // Long enough to page through a large queue; released explicitly afterwards in any case.
    private const int HideSeconds = 120;

    private readonly List<Message> _held = [];

    public string Url => url;

    public bool IsFifo => url.TrimEnd('/').EndsWith(".fifo", StringComparison.Ordinal);

    /// <summary>Receives up to <paramref name="max"/> messages and keeps them hidden until <see cref="ReleaseAsync"/>.</summary>
    public async Task<IReadOnlyList<Message>> ReceiveAsync(int max, CancellationToken cancellationToken)
    {
        var received = new List<Message>();
        while (received.Count < max)
        {
            var response = await sqs.ReceiveMessageAsync(
                new ReceiveMessageRequest
                {
                    QueueUrl = url,
                    MaxNumberOfMessages = Math.Min(BatchSize, max - received.Count),
                    VisibilityTimeout = HideSeconds,
                    WaitTimeSeconds = 0,
                    MessageSystemAttributeNames = ["All"],
                    MessageAttributeNames = ["All"],
                },
                cancellationToken).ConfigureAwait(false);
            var page = response.Messages ?? [];
            if (page.Count == 0)
            {
                break;
            }

            received.AddRange(page);
            _held.AddRange(page);
        }

        return received;
    }

    /// <summary>Deletes a message that was moved.</summary>
    public async Task DeleteAsync(Message message, CancellationToken cancellationToken)
    {
        await sqs.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = url, ReceiptHandle = message.ReceiptHandle }, cancellationToken).ConfigureAwait(false);
        _held.Remove(message);
    }

    /// <summary>Makes every message still held visible again.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        foreach (var chunk in _held.Chunk(BatchSize))
        {
            await sqs.ChangeMessageVisibilityBatchAsync(
                new ChangeMessageVisibilityBatchRequest
                {
                    QueueUrl = url,
                    Entries = [.. chunk.Select((m, i) => new ChangeMessageVisibilityBatchRequestEntry { Id = "m" + i.ToString(CultureInfo.InvariantCulture), ReceiptHandle = m.ReceiptHandle, VisibilityTimeout = 0 })],
                },
                cancellationToken).ConfigureAwait(false);
        }

        _held.Clear();
    }

    /// <summary>The view of a received message.</summary>
    public static DeadLetterView Describe(Message message)
    {
        var system = message.Attributes ?? [];
        var attributes = message.MessageAttributes ?? [];
        JsonElement? body = null;
        try
        {
            using var document = JsonDocument.Parse(message.Body ?? string.Empty);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Not JSON: shown as text.
        }

        var (kind, instanceId) = Classify(body);
        return new DeadLetterView(
            message.MessageId,
            long.TryParse(system.GetValueOrDefault("SentTimestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
            int.TryParse(system.GetValueOrDefault("ApproximateReceiveCount"), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 0,
            system.GetValueOrDefault("MessageGroupId"),
            kind,
            instanceId,
            attributes.GetValueOrDefault(DeadLetterAttributes.Reason)?.StringValue,
            attributes.GetValueOrDefault(DeadLetterAttributes.SourceQueue)?.StringValue,
            attributes.GetValueOrDefault(DeadLetterAttributes.OriginalMessageId)?.StringValue,
            body,
            body is null ? message.Body : null);
    }

    /// <summary>A deduplication id for a redriven message: fresh (the original's may still be in the target's five-minute window) and stable per dead letter.</summary>
    public static string RedriveDeduplicationId(string messageId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("redrive|" + messageId)));

    private static (string Kind, string? InstanceId) Classify(JsonElement? body)
    {
        if (body is not { ValueKind: JsonValueKind.Object } root)
        {
            return ("unreadable", null);
        }

        if (root.TryGetProperty("detail-type", out var detailType) && root.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.Object)
        {
            var service = detail.TryGetProperty("service", out var s) ? s.ToString() : "?";
            var operation = detail.TryGetProperty("operation", out var o) ? o.ToString() : "?";
            return ($"{detailType} {service}.{operation}", detail.TryGetProperty("instanceId", out var i) ? i.ToString() : null);
        }

        return root.TryGetProperty("type", out var type)
            ? (type.ToString(), root.TryGetProperty("instanceId", out var id) ? id.ToString() : null)
            : ("unreadable", null);
    }
}
