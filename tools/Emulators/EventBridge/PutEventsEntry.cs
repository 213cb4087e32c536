using System.Text;
using System.Text.Json;

namespace LambdaWorkflow.Emulators;

/// <summary>One entry of a <c>PutEvents</c> request as the local endpoint received it.</summary>
public sealed record PutEventsEntry
{
    /// <summary>The entry's <c>Source</c>.</summary>
    public string? Source { get; init; }

    /// <summary>The entry's <c>DetailType</c>.</summary>
    public string? DetailType { get; init; }

    /// <summary>The entry's <c>Detail</c>, a JSON object as text.</summary>
    public string? Detail { get; init; }

    /// <summary>The entry's <c>EventBusName</c>; null means the default bus.</summary>
    public string? EventBusName { get; init; }

    /// <summary>The entry's <c>Time</c>, if sent.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>The entry's <c>Resources</c>.</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>The entry's <c>TraceHeader</c>, if sent.</summary>
    public string? TraceHeader { get; init; }

    /// <summary>The id the endpoint gave the entry when it accepted it; null before.</summary>
    public string? EventId { get; init; }

    /// <summary>The entry's size as EventBridge counts it: 14 for Time, UTF-8 bytes of Source, DetailType, Detail, Resources.</summary>
    public int Size =>
        (Time is null ? 0 : 14)
        + Encoding.UTF8.GetByteCount(Source ?? string.Empty)
        + Encoding.UTF8.GetByteCount(DetailType ?? string.Empty)
        + Encoding.UTF8.GetByteCount(Detail ?? string.Empty)
        + Resources.Sum(r => Encoding.UTF8.GetByteCount(r));

    /// <summary>The <c>callId</c> inside <see cref="Detail"/>, for a CallRequested entry; null otherwise.</summary>
    public string? CallId
    {
        get
        {
            if (Detail is null)
            {
                return null;
            }

            try
            {
                using var document = JsonDocument.Parse(Detail);
                return document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("callId", out var id) && id.ValueKind == JsonValueKind.String
                    ? id.GetString()
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
