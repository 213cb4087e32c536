using System.Text.Json;

namespace LambdaWorkflow.Emulators;

/// <summary>Reads a <c>PutEvents</c> request body (AWS JSON 1.1) as the service would, strictly typed, unknown members ignored.</summary>
internal static class PutEventsRequestReader
{
    /// <summary>The entries of <c>{"Entries":[...]}</c>.</summary>
    /// <exception cref="FormatException">The body is not such a document; the message says where.</exception>
    public static IReadOnlyList<PutEventsEntry> Read(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The body is not JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The body must be a JSON object.");
            }

            if (!root.TryGetProperty("Entries", out var entries) || entries.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("Entries must be an array.");
            }

            var result = new List<PutEventsEntry>();
            foreach (var item in entries.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException($"Entries[{result.Count}] must be an object.");
                }

                result.Add(ReadEntry(item, result.Count));
            }

            return result;
        }
    }

    private static PutEventsEntry ReadEntry(JsonElement item, int index) => new()
    {
        Source = ReadString(item, "Source", index),
        DetailType = ReadString(item, "DetailType", index),
        Detail = ReadString(item, "Detail", index),
        EventBusName = ReadString(item, "EventBusName", index),
        TraceHeader = ReadString(item, "TraceHeader", index),
        Time = item.TryGetProperty("Time", out var time)
            ? time.ValueKind == JsonValueKind.Number
                ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(time.GetDecimal() * 1000m))
                : throw new FormatException($"Entries[{index}].Time must be epoch seconds.")
            : null,
        Resources = item.TryGetProperty("Resources", out var resources)
            ? resources.ValueKind == JsonValueKind.Array && resources.EnumerateArray().All(r => r.ValueKind == JsonValueKind.String)
                ? [.. resources.EnumerateArray().Select(r => r.GetString()!)]
                : throw new FormatException($"Entries[{index}].Resources must be an array of strings.")
            : [],
    };

    private static string? ReadString(JsonElement item, string name, int index)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new FormatException($"Entries[{index}].{name} must be a string.");
    }
}
