using System.Text.Json;

namespace LambdaWorkflow.Aws.Diagnostics;

/// <summary>
/// Reads the queue and the entry count of an SQS request in the JSON protocol, so a meter can split requests by queue
/// type: SQS bills standard and FIFO queues at different rates, and bills a batch as one request.
/// </summary>
internal static class SqsRequestInspector
{
    /// <summary>Queue type of requests that name no queue URL (CreateQueue, ListQueues) or whose body is not JSON.</summary>
    public const string UnknownQueueType = "unknown";

    /// <summary>Queue type of FIFO queues.</summary>
    public const string FifoQueueType = "fifo";

    /// <summary>Queue type of standard queues.</summary>
    public const string StandardQueueType = "standard";

    /// <summary>The queue type a URL names: SQS requires FIFO queue names to end in <c>.fifo</c>.</summary>
    public static string QueueTypeOf(string? queueUrl) =>
        string.IsNullOrEmpty(queueUrl) ? UnknownQueueType
        : queueUrl.TrimEnd('/').EndsWith(".fifo", StringComparison.Ordinal) ? FifoQueueType
        : StandardQueueType;

    /// <summary>The top-level <c>QueueUrl</c>'s queue type and the length of the top-level <c>Entries</c> array (0 when none).</summary>
    public static (string QueueType, int Entries) Inspect(ReadOnlySpan<byte> body)
    {
        string? queueUrl = null;
        var entries = 0;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (UnknownQueueType, 0);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isQueueUrl = reader.ValueTextEquals("QueueUrl"u8);
                var isEntries = reader.ValueTextEquals("Entries"u8);
                reader.Read();
                if (isQueueUrl && reader.TokenType == JsonTokenType.String)
                {
                    queueUrl = reader.GetString();
                }
                else if (isEntries && reader.TokenType == JsonTokenType.StartArray)
                {
                    // Count the array's items, skipping over each one's contents.
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        entries++;
                        reader.Skip();
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // A body that is not JSON (the query protocol): the request is still counted, its queue is unknown.
        }

        return (QueueTypeOf(queueUrl), entries);
    }
}
