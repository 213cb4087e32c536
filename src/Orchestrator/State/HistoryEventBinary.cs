using System.Buffers.Binary;
using System.Text;
using LambdaWorkflow.Contracts;

namespace LambdaWorkflow.Orchestrator.State;

/// <summary>
/// The compact stored form of a history event: a small binary envelope around the payload's UTF-8 JSON, the bytes
/// a store item holds. A completed call is 16 bytes plus its payload (about 100 in <see cref="HistoryEventJson"/>),
/// and reading it parses only the envelope.
/// </summary>
/// <remarks>
/// <para>Layout, version 1 (integers little-endian, <c>varint</c> = unsigned LEB128):</para>
/// <code>
/// byte    format version (1)
/// byte    HistoryEventType
/// byte    flags: 1 service, 2 operation, 4 failure, 8 failure stack trace, 16 name, 32 key
/// varint  sequence
/// int64   timestamp, UTC ticks
/// int16   timestamp offset, minutes
/// varint  call number + 1 (0 when there is none)
/// varint  attempt
/// [varint length, UTF-8] service, operation, name, key, failure type, failure message, failure stack trace, as flagged
/// ...     the payload's UTF-8 JSON, to the end of the item (absent payload: nothing)
/// </code>
/// <para>
/// Reading hands the payload back as a slice of the stored bytes, neither copied nor parsed: it is JSON that
/// <see cref="Serialize"/> took from a <see cref="JsonPayload"/>, and the workflow parses it when it reads the result.
/// The caller must therefore not reuse or change a buffer after passing it in.
/// </para>
/// </remarks>
public static class HistoryEventBinary
{
    /// <summary>The layout version written by <see cref="Serialize"/>.</summary>
    public const byte FormatVersion = 1;

    private const byte HasService = 1;
    private const byte HasOperation = 2;
    private const byte HasFailure = 4;
    private const byte HasStackTrace = 8;
    private const byte HasName = 16;
    private const byte HasKey = 32;
    private const int FixedHeaderBytes = 3 + 8 + 2;

    /// <summary>Serializes an event to its stored form.</summary>
    /// <exception cref="ArgumentException">The event cannot be stored: negative sequence or attempt, or an unknown type.</exception>
    public static byte[] Serialize(HistoryEvent historyEvent)
    {
        ArgumentNullException.ThrowIfNull(historyEvent);
        if (!IsKnownType(historyEvent.Type) || historyEvent.Sequence < 0 || historyEvent.Attempt < 0 || historyEvent.CallNumber < -1)
        {
            throw new ArgumentException($"History event {historyEvent.Sequence} ({historyEvent.Type}) has a negative number or an unknown type.", nameof(historyEvent));
        }

        var failure = historyEvent.Failure;
        var flags = (byte)((historyEvent.Service is null ? 0 : HasService)
            | (historyEvent.Operation is null ? 0 : HasOperation)
            | (failure is null ? 0 : HasFailure)
            | (failure?.StackTrace is null ? 0 : HasStackTrace)
            | (historyEvent.Name is null ? 0 : HasName)
            | (historyEvent.Key is null ? 0 : HasKey));
        var callNumber = (uint)(historyEvent.CallNumber + 1);
        var size = FixedHeaderBytes
            + VarintSize((uint)historyEvent.Sequence) + VarintSize(callNumber) + VarintSize((uint)historyEvent.Attempt)
            + StringSize(historyEvent.Service) + StringSize(historyEvent.Operation) + StringSize(historyEvent.Name) + StringSize(historyEvent.Key)
            + StringSize(failure?.ErrorType) + StringSize(failure?.Message) + StringSize(failure?.StackTrace)
            + historyEvent.Payload.Length;

        var bytes = new byte[size];
        var span = bytes.AsSpan();
        span[0] = FormatVersion;
        span[1] = (byte)historyEvent.Type;
        span[2] = flags;
        var position = 3;
        position += WriteVarint(span[position..], (uint)historyEvent.Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(span[position..], historyEvent.Timestamp.UtcTicks);
        BinaryPrimitives.WriteInt16LittleEndian(span[(position + 8)..], (short)historyEvent.Timestamp.TotalOffsetMinutes);
        position += 10;
        position += WriteVarint(span[position..], callNumber);
        position += WriteVarint(span[position..], (uint)historyEvent.Attempt);
        position += WriteString(span[position..], historyEvent.Service);
        position += WriteString(span[position..], historyEvent.Operation);
        position += WriteString(span[position..], historyEvent.Name);
        position += WriteString(span[position..], historyEvent.Key);
        position += WriteString(span[position..], failure?.ErrorType);
        position += WriteString(span[position..], failure?.Message);
        position += WriteString(span[position..], failure?.StackTrace);
        historyEvent.Payload.Utf8Json.Span.CopyTo(span[position..]);
        return bytes;
    }

    /// <summary>Reads one event from its stored form; its payload is a slice of <paramref name="item"/>.</summary>
    /// <exception cref="MessageFormatException">The bytes are not a stored history event.</exception>
    public static HistoryEvent Deserialize(ReadOnlyMemory<byte> item) => Read(item, names: null);

    /// <summary>
    /// Reads a history, item by item. Service and operation names repeat across a history, so equal names share
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

    private static HistoryEvent Read(ReadOnlyMemory<byte> item, NameTable? names)
    {
        var reader = new Reader(item.Span);
        var version = reader.Byte("version");
        if (version != FormatVersion)
        {
            throw new MessageFormatException("version", $"is {version}; this version reads version {FormatVersion}");
        }

        var type = (HistoryEventType)reader.Byte("type");
        if (!IsKnownType(type))
        {
            throw new MessageFormatException("type", $"is {(int)type}, not a known history event type");
        }

        var flags = reader.Byte("flags");
        var sequence = reader.Varint("seq");
        var timestamp = reader.Timestamp("at");
        var callNumber = reader.Varint("call") - 1;
        var attempt = reader.Varint("attempt");
        var service = (flags & HasService) != 0 ? reader.Name("svc", names) : null;
        var operation = (flags & HasOperation) != 0 ? reader.Name("op", names) : null;
        var name = (flags & HasName) != 0 ? reader.Name("name", names) : null;
        var key = (flags & HasKey) != 0 ? reader.Text("key") : null;
        FailureDetails? failure = null;
        if ((flags & HasFailure) != 0)
        {
            var errorType = reader.Text("failure.errorType");
            var message = reader.Text("failure.message");
            var stackTrace = (flags & HasStackTrace) != 0 ? reader.Text("failure.stackTrace") : null;
            failure = new FailureDetails(errorType, message, stackTrace);
        }

        var payload = reader.Position < item.Length ? new JsonPayload(item[reader.Position..]) : default;
        return new HistoryEvent
        {
            Sequence = sequence,
            Type = type,
            Timestamp = timestamp,
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

    private static bool IsKnownType(HistoryEventType type) => Enum.IsDefined(type);

    private static int VarintSize(uint value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    private static int WriteVarint(Span<byte> destination, uint value)
    {
        var written = 0;
        while (value >= 0x80)
        {
            destination[written++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[written++] = (byte)value;
        return written;
    }

    private static int StringSize(string? value)
    {
        if (value is null)
        {
            return 0;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        return VarintSize((uint)length) + length;
    }

    private static int WriteString(Span<byte> destination, string? value)
    {
        if (value is null)
        {
            return 0;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        var prefix = WriteVarint(destination, (uint)length);
        return prefix + Encoding.UTF8.GetBytes(value, destination[prefix..]);
    }

    /// <summary>A bounds-checked cursor over one item; every failure names the field being read.</summary>
    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        public int Position { get; private set; }

        public byte Byte(string field)
        {
            if (Position >= _bytes.Length)
            {
                throw Truncated(field);
            }

            return _bytes[Position++];
        }

        public int Varint(string field)
        {
            uint value = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                var b = Byte(field);
                value |= (uint)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value <= int.MaxValue ? (int)value : throw new MessageFormatException(field, "is out of range");
                }
            }

            throw new MessageFormatException(field, "is not a valid varint");
        }

        public DateTimeOffset Timestamp(string field)
        {
            if (_bytes.Length - Position < 10)
            {
                throw Truncated(field);
            }

            var utcTicks = BinaryPrimitives.ReadInt64LittleEndian(_bytes[Position..]);
            var offsetMinutes = BinaryPrimitives.ReadInt16LittleEndian(_bytes[(Position + 8)..]);
            Position += 10;
            try
            {
                var offset = TimeSpan.FromMinutes(offsetMinutes);
                return new DateTimeOffset(utcTicks + offset.Ticks, offset);
            }
            catch (ArgumentException ex)
            {
                throw new MessageFormatException(field, "is not a valid timestamp", ex);
            }
        }

        public string Name(string field, NameTable? names)
        {
            var utf8 = Utf8(field);
            return names is null ? Encoding.UTF8.GetString(utf8) : names.Get(utf8);
        }

        public string Text(string field) => Encoding.UTF8.GetString(Utf8(field));

        private ReadOnlySpan<byte> Utf8(string field)
        {
            var length = Varint(field);
            if (_bytes.Length - Position < length)
            {
                throw Truncated(field);
            }

            var utf8 = _bytes.Slice(Position, length);
            Position += length;
            return utf8;
        }

        private static MessageFormatException Truncated(string field) => new(field, "is cut short: the item ends inside it");
    }
}
