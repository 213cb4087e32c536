using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace LambdaWorkflow.Contracts;

/// <summary>A JSON value kept as its raw UTF-8 bytes, so it crosses the engine without being re-serialized.</summary>
[JsonConverter(typeof(JsonPayloadConverter))]
public readonly struct JsonPayload : IEquatable<JsonPayload>
{
    private static readonly byte[] NullLiteral = "null"u8.ToArray();

    /// <summary>Wraps UTF-8 JSON bytes; the caller guarantees they hold one well-formed JSON value.</summary>
    public JsonPayload(ReadOnlyMemory<byte> utf8Json) => Utf8Json = utf8Json;

    /// <summary>The JSON literal <c>null</c>.</summary>
    public static JsonPayload Null => new(NullLiteral);

    /// <summary>The raw UTF-8 JSON bytes; empty when the payload is absent.</summary>
    public ReadOnlyMemory<byte> Utf8Json { get; }

    /// <summary>True when no JSON value is present (not even <c>null</c>).</summary>
    public bool IsEmpty => Utf8Json.IsEmpty;

    /// <summary>Size of the payload in bytes.</summary>
    public int Length => Utf8Json.Length;

    /// <summary>Serializes a value with the given type information.</summary>
    public static JsonPayload From<T>(T value, JsonTypeInfo<T> typeInfo) =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));

    /// <summary>Parses and validates JSON text.</summary>
    /// <exception cref="MessageFormatException">The text is not one well-formed JSON value.</exception>
    public static JsonPayload Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var bytes = Encoding.UTF8.GetBytes(json);
        try
        {
            using var document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            throw new MessageFormatException("$", "is not valid JSON: " + ex.Message, ex);
        }

        return new JsonPayload(bytes);
    }

    /// <summary>Deserializes the payload straight from its UTF-8 bytes.</summary>
    public T Deserialize<T>(JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return JsonSerializer.Deserialize(IsEmpty ? NullLiteral : Utf8Json.Span, typeInfo)!;
    }

    /// <summary>The payload as JSON text.</summary>
    public override string ToString() => IsEmpty ? string.Empty : Encoding.UTF8.GetString(Utf8Json.Span);

    /// <inheritdoc />
    public bool Equals(JsonPayload other) => Utf8Json.Span.SequenceEqual(other.Utf8Json.Span);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is JsonPayload other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Utf8Json.Span);
        return hash.ToHashCode();
    }

    /// <summary>Byte-wise equality.</summary>
    public static bool operator ==(JsonPayload left, JsonPayload right) => left.Equals(right);

    /// <summary>Byte-wise inequality.</summary>
    public static bool operator !=(JsonPayload left, JsonPayload right) => !left.Equals(right);
}
