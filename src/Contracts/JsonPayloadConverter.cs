using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LambdaWorkflow.Contracts;

/// <summary>Reads any JSON value into a <see cref="JsonPayload"/> and writes it back verbatim.</summary>
public sealed class JsonPayloadConverter : JsonConverter<JsonPayload>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override JsonPayload Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var element = JsonElement.ParseValue(ref reader);
        return new JsonPayload(JsonMarshal.GetRawUtf8Value(element).ToArray());
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
