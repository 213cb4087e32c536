using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace LambdaWorkflow.Contracts;

/// <summary>Reads any JSON value into a <see cref="JsonPayload"/> and writes it back verbatim.</summary>
public sealed class JsonPayloadConverter : JsonConverter<JsonPayload>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    /// <exception cref="JsonException">The value holds bytes that are not UTF-8, which the reader passes through unchecked.</exception>
    public override JsonPayload Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // A pooled document, disposed below: the one copy kept is the payload's own array.
        using var document = JsonDocument.ParseValue(ref reader);
        var utf8Json = JsonMarshal.GetRawUtf8Value(document.RootElement);
        if (!Utf8.IsValid(utf8Json))
        {
            // Kept raw, such bytes would be stored and forwarded as they are, and fail only where they are decoded.
            throw new JsonException("The value is not valid UTF-8 text.");
        }

        return new JsonPayload(utf8Json.ToArray());
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, JsonPayload value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.IsEmpty)
        {
            writer.WriteNullValue();
            return;
        }

        // The bytes were validated when they were read or serialized; skip a second validation pass.
        writer.WriteRawValue(value.Utf8Json.Span, skipInputValidation: true);
    }
}
