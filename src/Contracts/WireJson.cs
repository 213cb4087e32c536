using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace LambdaWorkflow.Contracts;

/// <summary>JSON reading for wire shapes, mapping parser errors to <see cref="MessageFormatException"/> with the field's path.</summary>
public static class WireJson
{
    /// <summary>Deserializes an object, naming the offending field on failure.</summary>
    /// <exception cref="MessageFormatException">Malformed JSON, or a field of the wrong JSON type.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(utf8Json, typeInfo)
                ?? throw new MessageFormatException("$", "is null; expected a JSON object");
        }
        catch (JsonException ex)
        {
            throw FromJsonException(ex);
        }
    }

    /// <summary>Reads a top-level string property (the discriminator) without deserializing the rest.</summary>
    /// <exception cref="MessageFormatException">Not a JSON object, or the property is missing, repeated or not a string.</exception>
    public static string ReadDiscriminator(ReadOnlySpan<byte> utf8Json, string propertyName) =>
        FindDiscriminator(utf8Json, propertyName) ?? throw new MessageFormatException(propertyName, "is missing");

    /// <summary>Like <see cref="ReadDiscriminator"/>, but null when the property is absent.</summary>
    /// <exception cref="MessageFormatException">Not a JSON object, or the property is repeated or not a string.</exception>
    public static string? FindDiscriminator(ReadOnlySpan<byte> utf8Json, string propertyName)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new MessageFormatException("$", "must be a JSON object");
            }

            string? found = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isDiscriminator = reader.ValueTextEquals(propertyName);
                reader.Read();
                if (isDiscriminator)
                {
                    if (found is not null)
                    {
                        throw new MessageFormatException(propertyName, "appears more than once");
                    }

                    found = reader.TokenType == JsonTokenType.String
                        ? ReadText(ref reader, propertyName)
                        : throw new MessageFormatException(propertyName, $"must be a string, was {Describe(reader.TokenType)}");
                }
                else
                {
                    reader.Skip();
                }
            }

            return found;
        }
        catch (JsonException ex)
        {
            throw new MessageFormatException("$", "is not valid JSON: " + ex.Message, ex);
        }
        catch (InvalidOperationException ex)
        {
            // The reader throws this, not JsonException, for a property name that is not valid UTF-16 once unescaped.
            throw new MessageFormatException("$", "is not valid Unicode text: " + ex.Message, ex);
        }
    }

    /// <summary>Maps a System.Text.Json error to a field-naming error.</summary>
    public static MessageFormatException FromJsonException(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var path = exception.Path;
        var field = string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
        // The serializer reports text it cannot decode (invalid UTF-8, a lone surrogate) as a failed conversion; its
        // inner error says which. Should that wording change, the field is still named, only less precisely.
        var problem = exception.InnerException is InvalidOperationException { Message: var inner } && inner.Contains("UTF", StringComparison.Ordinal)
            ? "is not valid Unicode text: " + inner
            : exception.Message.Contains("could not be converted", StringComparison.Ordinal)
                ? "has the wrong JSON type: " + exception.Message
                : "is invalid: " + exception.Message;
        return new MessageFormatException(field, problem, exception);
    }

    private static string ReadText(ref Utf8JsonReader reader, string propertyName)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            // Invalid UTF-8 bytes or a lone surrogate escape: the reader throws this, not JsonException.
            throw new MessageFormatException(propertyName, "is not valid Unicode text: " + ex.Message, ex);
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
