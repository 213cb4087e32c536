using System.Buffers;
using System.Text.Json;

namespace LambdaWorkflow.Local.Routing;

/// <summary>
/// An EventBridge event pattern, compiled once into a tree of matchers and then matched against events with
/// EventBridge's content-filtering rules: exact values, <c>prefix</c>, <c>suffix</c>, <c>equals-ignore-case</c>,
/// <c>wildcard</c>, <c>anything-but</c>, <c>numeric</c>, <c>exists</c>, <c>cidr</c> and <c>$or</c>.
/// </summary>
/// <remarks>Immutable and safe to share between threads. Matching allocates nothing for typical events.</remarks>
public sealed class EventPattern
{
    private readonly string _json;
    private readonly ObjectMatcher _root;

    private EventPattern(string json, ObjectMatcher root)
    {
        _json = json;
        _root = root;
    }

    /// <summary>Compiles a pattern.</summary>
    /// <param name="patternJson">The pattern as JSON, such as <c>{"source": ["lambda-workflow"]}</c>.</param>
    /// <exception cref="EventPatternException">The pattern is not valid JSON or not a valid event pattern; <see cref="EventPatternException.Path"/> says where.</exception>
    public static EventPattern Parse(string patternJson)
    {
        ArgumentNullException.ThrowIfNull(patternJson);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(patternJson);
        }
        catch (JsonException ex)
        {
            throw new EventPatternException("$", $"is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            return new EventPattern(patternJson, PatternCompiler.Compile(document.RootElement));
        }
    }

    /// <summary>Whether the event matches the pattern.</summary>
    /// <param name="event">The whole EventBridge event object (envelope with <c>source</c>, <c>detail-type</c>, <c>detail</c>, ...).</param>
    /// <exception cref="ArgumentException">The event is not a JSON object.</exception>
    public bool Matches(JsonElement @event)
    {
        if (@event.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"An EventBridge event is a JSON object, not {@event.ValueKind}.", nameof(@event));
        }

        return _root.MatchesObject(@event);
    }

    /// <summary>Whether the event, given as UTF-8 JSON, matches the pattern.</summary>
    /// <param name="eventUtf8Json">The whole EventBridge event object as UTF-8 JSON.</param>
    /// <exception cref="JsonException">The event is not valid JSON.</exception>
    /// <exception cref="ArgumentException">The event is not a JSON object.</exception>
    public bool Matches(ReadOnlySpan<byte> eventUtf8Json)
    {
        // JsonDocument reads from memory, not a span: copy into a pooled buffer that outlives the document.
        var buffer = ArrayPool<byte>.Shared.Rent(eventUtf8Json.Length);
        try
        {
            eventUtf8Json.CopyTo(buffer);
            using var document = JsonDocument.Parse(buffer.AsMemory(0, eventUtf8Json.Length));
            return Matches(document.RootElement);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Whether the event, given as JSON text, matches the pattern.</summary>
    /// <param name="eventJson">The whole EventBridge event object as JSON.</param>
    /// <exception cref="JsonException">The event is not valid JSON.</exception>
    /// <exception cref="ArgumentException">The event is not a JSON object.</exception>
    public bool Matches(string eventJson)
    {
        ArgumentNullException.ThrowIfNull(eventJson);
        using var document = JsonDocument.Parse(eventJson);
        return Matches(document.RootElement);
    }

    /// <summary>The pattern JSON as given to <see cref="Parse"/>.</summary>
    public override string ToString() => _json;
}
