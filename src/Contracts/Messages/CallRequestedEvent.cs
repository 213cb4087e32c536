using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LambdaWorkflow.Contracts.Messages;

/// <summary>
/// The EventBridge event that carries a <see cref="CallRequest"/>; a service's SQS queue receives this whole
/// event as the message body.
/// </summary>
public sealed record CallRequestedEvent
{
    /// <summary>The <c>detail-type</c> of every call command.</summary>
    public const string DetailTypeName = "CallRequested";

    /// <summary>The default <c>source</c>.</summary>
    public const string DefaultSource = "lambda-workflow";

    /// <summary>EventBridge's event format version, always <c>0</c>.</summary>
    [JsonPropertyName("version")]
    public string Version { get; init; } = "0";

    /// <summary>EventBridge's id of the event.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>Always <see cref="DetailTypeName"/>.</summary>
    [JsonPropertyName("detail-type")]
    public string DetailType { get; init; } = DetailTypeName;

    /// <summary>The configured source, <see cref="DefaultSource"/> by default.</summary>
    [JsonPropertyName("source")]
    public string Source { get; init; } = DefaultSource;

    /// <summary>The AWS account that published the event.</summary>
    [JsonPropertyName("account")]
    public string? Account { get; init; }

    /// <summary>When EventBridge received the event.</summary>
    [JsonPropertyName("time")]
    public DateTimeOffset? Time { get; init; }

    /// <summary>The region of the bus.</summary>
    [JsonPropertyName("region")]
    public string? Region { get; init; }

    /// <summary>Resource ARNs; unused by the project.</summary>
    [JsonPropertyName("resources")]
    public IReadOnlyList<string>? Resources { get; init; }

    /// <summary>The command.</summary>
    [JsonPropertyName("detail")]
    public CallRequest? Detail { get; init; }

    /// <summary>Parses a service queue message body and validates the command in it.</summary>
    /// <exception cref="MessageFormatException">The body is not a valid CallRequested event; the field is named.</exception>
    public static CallRequestedEvent Parse(ReadOnlySpan<byte> utf8Json)
    {
        var evt = WireJson.Deserialize(utf8Json, ContractsJsonContext.Default.CallRequestedEvent);
        if (!string.Equals(evt.DetailType, DetailTypeName, StringComparison.Ordinal))
        {
            throw new MessageFormatException("detail-type", $"must be '{DetailTypeName}', was '{evt.DetailType}'");
        }

        if (evt.Detail is null)
        {
            throw new MessageFormatException("detail", "is missing");
        }

        evt.Detail.Validate();
        return evt;
    }

    /// <summary>
    /// Reads the command of a service queue message: a CallRequested event as an EventBridge rule delivers it, or the
    /// bare command as direct dispatch sends it (no <c>detail-type</c>).
    /// </summary>
    /// <exception cref="MessageFormatException">The body is neither; the field is named.</exception>
    public static CallRequest ParseCommand(ReadOnlySpan<byte> utf8Json)
    {
        if (WireJson.FindDiscriminator(utf8Json, "detail-type") is not null)
        {
            return Parse(utf8Json).Detail!;
        }

        var command = WireJson.Deserialize(utf8Json, ContractsJsonContext.Default.CallRequest);
        command.Validate();
        return command;
    }

    /// <summary>Parses from JSON text.</summary>
    /// <exception cref="MessageFormatException">See <see cref="Parse(ReadOnlySpan{byte})"/>.</exception>
    public static CallRequestedEvent Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Serializes a command's detail alone, as PutEvents' <c>Detail</c> string wants it.</summary>
    public static string DetailToJson(CallRequest detail) =>
        JsonSerializer.Serialize(detail, ContractsJsonContext.Default.CallRequest);

    /// <summary>The whole event as UTF-8 JSON, as a queue body.</summary>
    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, ContractsJsonContext.Default.CallRequestedEvent);

    /// <summary>The whole event as JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ContractsJsonContext.Default.CallRequestedEvent);
}
