using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace LambdaWorkflow.Contracts.Messages;

/// <summary>Reads and writes inbox messages, turning every malformation into a <see cref="MessageFormatException"/> naming the field.</summary>
public static class InboxMessageReader
{
    /// <summary>Parses a message from UTF-8 JSON and validates its fields.</summary>
    /// <exception cref="MessageFormatException">Malformed JSON, unknown or missing <c>type</c>, a missing field or a field of the wrong JSON type.</exception>
    public static InboxMessage Parse(ReadOnlySpan<byte> utf8Json)
    {
        var type = WireJson.ReadDiscriminator(utf8Json, "type");
        InboxMessage message = type switch
        {
            InboxMessageTypes.StartWorkflow => WireJson.Deserialize(utf8Json, ContractsJsonContext.Default.StartWorkflow),
            InboxMessageTypes.CallCompleted => WireJson.Deserialize(utf8Json, ContractsJsonContext.Default.CallCompleted),
            InboxMessageTypes.CallFailed => WireJson.Deserialize(utf8Json, ContractsJsonContext.Default.CallFailed),
            InboxMessageTypes.TimerFired => WireJson.Deserialize(utf8Json, ContractsJsonContext.Default.TimerFired),
            InboxMessageTypes.EventRaised => WireJson.Deserialize(utf8Json, ContractsJsonContext.Default.EventRaised),
            InboxMessageTypes.CancelRequested => WireJson.Deserialize(utf8Json, ContractsJsonContext.Default.CancelRequested),
            InboxMessageTypes.ResumeRequested => WireJson.Deserialize(utf8Json, ContractsJsonContext.Default.ResumeRequested),
            _ => throw new MessageFormatException(
                "type",
                $"has unknown value '{(type.Length > 64 ? type[..64] + "…" : type)}'; expected one of {string.Join(", ", InboxMessageTypes.All)}"),
        };
        message.Validate();
        return message;
    }

    /// <summary>Parses a message from JSON text.</summary>
    /// <exception cref="MessageFormatException">See <see cref="Parse(ReadOnlySpan{byte})"/>.</exception>
    public static InboxMessage Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Serializes a message to UTF-8 JSON, <c>type</c> first.</summary>
    public static byte[] ToUtf8(InboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return JsonSerializer.SerializeToUtf8Bytes(message, TypeInfoOf(message));
    }

    /// <summary>Serializes a message to JSON text.</summary>
    public static string ToJson(InboxMessage message) => Encoding.UTF8.GetString(ToUtf8(message));

    private static JsonTypeInfo TypeInfoOf(InboxMessage message) => message switch
    {
        StartWorkflow => ContractsJsonContext.Default.StartWorkflow,
        CallCompleted => ContractsJsonContext.Default.CallCompleted,
        CallFailed => ContractsJsonContext.Default.CallFailed,
        TimerFired => ContractsJsonContext.Default.TimerFired,
        EventRaised => ContractsJsonContext.Default.EventRaised,
        CancelRequested => ContractsJsonContext.Default.CancelRequested,
        ResumeRequested => ContractsJsonContext.Default.ResumeRequested,
        _ => throw new ArgumentException($"Unknown inbox message type {message.GetType().Name}.", nameof(message)),
    };
}
