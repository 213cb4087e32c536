using System.Text.Encodings.Web;
using System.Text.Json;

namespace LambdaWorkflow.Aws.EventBridge;

/// <summary>The AWS JSON 1.1 wire format of <c>PutEvents</c>: the request body, the response, the error body.</summary>
internal static class PutEventsJson
{
    // Quotes in Detail (a JSON text inside a JSON string) are frequent: escape them as \" rather than \u0022.
    // The body is never embedded in HTML, so the relaxed encoder's laxness costs nothing here.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <c>{"Entries":[...]}</c>; absent optional fields are left out, as the SDKs do.</summary>
    public static byte[] WriteRequest(IReadOnlyList<PutEventsRequestEntry> entries)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("Entries");
            foreach (var entry in entries)
            {
                WriteEntry(writer, entry);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads <c>{"FailedEntryCount":n,"Entries":[...]}</c>.</summary>
    /// <exception cref="JsonException">The body is not such an object.</exception>
    public static PutEventsResult ReadResult(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The PutEvents response is not a JSON object.");
        }

        var failed = root.TryGetProperty("FailedEntryCount", out var count) && count.ValueKind == JsonValueKind.Number
            ? count.GetInt32()
            : 0;
        var entries = new List<PutEventsResultEntry>();
        if (root.TryGetProperty("Entries", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new JsonException("A PutEvents result entry is not a JSON object.");
                }

                entries.Add(new PutEventsResultEntry(
                    GetString(item, "EventId"), GetString(item, "ErrorCode"), GetString(item, "ErrorMessage")));
            }
        }

        return new PutEventsResult(failed, entries);
    }

    /// <summary>
    /// Reads an AWS JSON error: the code from the <c>x-amzn-ErrorType</c> header or the body's <c>__type</c>, the
    /// message from <c>message</c> or <c>Message</c>. A body that is not JSON becomes the message, shortened.
    /// </summary>
    public static (string? Code, string? Message) ReadError(byte[] body, string? errorTypeHeader)
    {
        var code = SanitizeCode(errorTypeHeader);
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                var root = document.RootElement;
                code ??= SanitizeCode(GetString(root, "__type") ?? GetString(root, "code"));
                message = GetString(root, "message") ?? GetString(root, "Message");
            }
        }
        catch (JsonException)
        {
            var text = System.Text.Encoding.UTF8.GetString(body).Trim();
            message = text.Length > 256 ? text[..256] + "..." : text;
        }

        return (code, string.IsNullOrEmpty(message) ? null : message);
    }

    // Error types may be qualified ("com.amazonaws.events#ThrottlingException") or carry a suffix
    // ("ThrottlingException:http://internal.amazon.com/coral/..."): the code is the bare name.
    private static string? SanitizeCode(string? type)
    {
        if (string.IsNullOrWhiteSpace(type))
        {
            return null;
        }

        var colon = type.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            type = type[..colon];
        }

        var hash = type.LastIndexOf('#');
        if (hash >= 0)
        {
            type = type[(hash + 1)..];
        }

        type = type.Trim();
        return type.Length == 0 ? null : type;
    }

    private static void WriteEntry(Utf8JsonWriter writer, PutEventsRequestEntry entry)
    {
        writer.WriteStartObject();
        writer.WriteString("Source", entry.Source);
        writer.WriteString("DetailType", entry.DetailType);
        writer.WriteString("Detail", entry.Detail);
        if (entry.EventBusName is not null)
        {
            writer.WriteString("EventBusName", entry.EventBusName);
        }

        if (entry.Time is { } time)
        {
            // AWS JSON timestamps are epoch seconds; milliseconds survive as the fraction.
            writer.WriteNumber("Time", time.ToUnixTimeMilliseconds() / 1000m);
        }

        if (entry.Resources is { Count: > 0 } resources)
        {
            writer.WriteStartArray("Resources");
            foreach (var resource in resources)
            {
                writer.WriteStringValue(resource);
            }

            writer.WriteEndArray();
        }

        if (entry.TraceHeader is not null)
        {
            writer.WriteString("TraceHeader", entry.TraceHeader);
        }

        writer.WriteEndObject();
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
