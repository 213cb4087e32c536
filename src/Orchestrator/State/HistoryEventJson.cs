using System.Buffers;
using System.Text.Json;
using LambdaWorkflow.Contracts;

namespace LambdaWorkflow.Orchestrator.State;

/// <summary>
/// The stored form of a history event: one compact JSON object per event, the bytes a store item holds.
/// </summary>
/// <remarks>
/// <para>
/// Shape: <c>{"seq":3,"type":"CallCompleted","at":"2026-01-01T00:00:03+00:00","call":1,"attempt":1,"payload":{...}}</c>.
/// <c>svc</c> and <c>op</c> name the operation of a scheduled call; <c>failure</c> holds
/// <see cref="FailureDetails"/>. Members at their default (<c>call</c> -1, <c>attempt</c> 0, no payload, no failure,
/// no names) are left out, and unknown members are skipped, so the shape can grow.
/// </para>
/// <para>
/// The payload is embedded as a JSON value, not as a string, and reading hands it back as a slice of the stored
/// bytes: nothing is copied or re-parsed until the workflow deserializes the result. The caller must therefore not
/// reuse or change a buffer after passing it to <see cref="Deserialize(ReadOnlyMemory{byte})"/>.
/// </para>
/// </remarks>
public static class HistoryEventJson
{
    /// <summary>Serializes an event to its stored form.</summary>
    public static byte[] Serialize(HistoryEvent historyEvent)
    {
        ArgumentNullException.ThrowIfNull(historyEvent);
        var buffer = new ArrayBufferWriter<byte>(128 + historyEvent.Payload.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, historyEvent);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes an event's stored form to a JSON writer.</summary>
    public static void Write(Utf8JsonWriter writer, HistoryEvent historyEvent)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(historyEvent);
        writer.WriteStartObject();
        writer.WriteNumber("seq"u8, historyEvent.Sequence);
        writer.WriteString("type"u8, TypeName(historyEvent.Type));
        writer.WriteString("at"u8, historyEvent.Timestamp);
        if (historyEvent.CallNumber != -1)
        {
            writer.WriteNumber("call"u8, historyEvent.CallNumber);
        }

        if (historyEvent.Service is { } service)
        {
            writer.WriteString("svc"u8, service);
        }

        if (historyEvent.Operation is { } operation)
        {
            writer.WriteString("op"u8, operation);
        }

        if (historyEvent.Name is { } name)
        {
            writer.WriteString("name"u8, name);
        }

        if (historyEvent.Key is { } key)
        {
            writer.WriteString("key"u8, key);
        }

        if (historyEvent.Attempt != 0)
        {
            writer.WriteNumber("attempt"u8, historyEvent.Attempt);
        }

        if (!historyEvent.Payload.IsEmpty)
        {
            writer.WritePropertyName("payload"u8);

            // Payload bytes were validated when they were read or serialized.
            writer.WriteRawValue(historyEvent.Payload.Utf8Json.Span, skipInputValidation: true);
        }

        if (historyEvent.Failure is { } failure)
        {
            writer.WritePropertyName("failure"u8);
            JsonSerializer.Serialize(writer, failure, ContractsJsonContext.Default.FailureDetails);
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads one event from its stored form; its payload is a slice of <paramref name="utf8Json"/>.</summary>
    /// <exception cref="MessageFormatException">The bytes are not a stored history event.</exception>
    public static HistoryEvent Deserialize(ReadOnlyMemory<byte> utf8Json) => Read(utf8Json, names: null);

    /// <summary>
    /// Reads a history, event by event. Service and operation names repeat across a history, so equal names share
    /// one string instead of allocating one per event.
    /// </summary>
    /// <exception cref="MessageFormatException">An item is not a stored history event.</exception>
    public static HistoryEvent[] DeserializeHistory(IReadOnlyList<ReadOnlyMemory<byte>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var events = new HistoryEvent[items.Count];
        var names = new NameTable();
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = Read(items[i], names);
        }

        return events;
    }

    private static HistoryEvent Read(ReadOnlyMemory<byte> utf8Json, NameTable? names)
    {
        int? sequence = null;
        HistoryEventType? type = null;
        DateTimeOffset? timestamp = null;
        var callNumber = -1;
        var attempt = 0;
        string? service = null;
        string? operation = null;
        string? name = null;
        string? key = null;
        var payload = default(JsonPayload);
        FailureDetails? failure = null;
        var field = "$";
        try
        {
            var reader = new Utf8JsonReader(utf8Json.Span);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new MessageFormatException("$", "must be a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("seq"u8))
                {
                    field = "seq";
                    reader.Read();
                    sequence = reader.GetInt32();
                }
                else if (reader.ValueTextEquals("type"u8))
                {
                    field = "type";
                    reader.Read();
                    type = ParseType(ref reader);
                }
                else if (reader.ValueTextEquals("at"u8))
                {
                    field = "at";
                    reader.Read();
                    timestamp = reader.GetDateTimeOffset();
                }
                else if (reader.ValueTextEquals("call"u8))
                {
                    field = "call";
                    reader.Read();
                    callNumber = reader.GetInt32();
                }
                else if (reader.ValueTextEquals("svc"u8))
                {
                    field = "svc";
                    reader.Read();
                    service = ReadName(ref reader, names);
                }
                else if (reader.ValueTextEquals("op"u8))
                {
                    field = "op";
                    reader.Read();
                    operation = ReadName(ref reader, names);
                }
                else if (reader.ValueTextEquals("name"u8))
                {
                    field = "name";
                    reader.Read();
                    name = ReadName(ref reader, names);
                }
                else if (reader.ValueTextEquals("key"u8))
                {
                    field = "key";
                    reader.Read();
                    key = reader.GetString();
                }
                else if (reader.ValueTextEquals("attempt"u8))
                {
                    field = "attempt";
                    reader.Read();
                    attempt = reader.GetInt32();
                }
                else if (reader.ValueTextEquals("payload"u8))
                {
                    field = "payload";
                    reader.Read();
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    payload = new JsonPayload(utf8Json[start..(int)reader.BytesConsumed]);
                }
                else if (reader.ValueTextEquals("failure"u8))
                {
                    field = "failure";
                    reader.Read();
                    failure = JsonSerializer.Deserialize(ref reader, ContractsJsonContext.Default.FailureDetails);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new MessageFormatException(field, "is invalid: " + ex.Message, ex);
        }

        return new HistoryEvent
        {
            Sequence = sequence ?? throw new MessageFormatException("seq", "is missing"),
            Type = type ?? throw new MessageFormatException("type", "is missing"),
            Timestamp = timestamp ?? throw new MessageFormatException("at", "is missing"),
            CallNumber = callNumber,
            Service = service,
            Operation = operation,
            Name = name,
            Key = key,
            Attempt = attempt,
            Payload = payload,
            Failure = failure,
        };
    }

    private static HistoryEventType ParseType(ref Utf8JsonReader reader)
    {
        // Most frequent first.
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("CallCompleted"u8))
            {
                return HistoryEventType.CallCompleted;
            }

            if (reader.ValueTextEquals("CallScheduled"u8))
            {
                return HistoryEventType.CallScheduled;
            }

            if (reader.ValueTextEquals("CallFailed"u8))
            {
                return HistoryEventType.CallFailed;
            }

            if (reader.ValueTextEquals("WorkflowStarted"u8))
            {
                return HistoryEventType.WorkflowStarted;
            }

            if (reader.ValueTextEquals("WorkflowCompleted"u8))
            {
                return HistoryEventType.WorkflowCompleted;
            }

            if (reader.ValueTextEquals("WorkflowFailed"u8))
            {
                return HistoryEventType.WorkflowFailed;
            }

            // Timers, events, cancellation and markers are rarer: parse them by name.
            if (Enum.TryParse<HistoryEventType>(reader.GetString(), ignoreCase: false, out var other) && Enum.IsDefined(other))
            {
                return other;
            }
        }

        throw new MessageFormatException("type", "is not a known history event type");
    }

    private static ReadOnlySpan<byte> TypeName(HistoryEventType type) => type switch
    {
        HistoryEventType.WorkflowStarted => "WorkflowStarted"u8,
        HistoryEventType.CallScheduled => "CallScheduled"u8,
        HistoryEventType.CallCompleted => "CallCompleted"u8,
        HistoryEventType.CallFailed => "CallFailed"u8,
        HistoryEventType.WorkflowCompleted => "WorkflowCompleted"u8,
        HistoryEventType.WorkflowFailed => "WorkflowFailed"u8,
        _ when Enum.IsDefined(type) => System.Text.Encoding.UTF8.GetBytes(type.ToString()),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown history event type."),
    };

    private static string? ReadName(ref Utf8JsonReader reader, NameTable? names)
    {
        // GetString rejects tokens that are not strings; a null token reads as an absent name.
        if (names is null || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return reader.GetString();
        }

        return names.Get(reader.ValueSpan);
    }
}
