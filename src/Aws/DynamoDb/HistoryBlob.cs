using LambdaWorkflow.Contracts;

namespace LambdaWorkflow.Aws.DynamoDb;

/// <summary>
/// The value of an <see cref="StateAttributes.Events"/> attribute: consecutive events, each an unsigned LEB128 length
/// and then the event's stored bytes. The length is needed because a stored event's payload runs to its end.
/// </summary>
internal static class HistoryBlob
{
    /// <summary>The bytes <see cref="Encode"/> writes for these events.</summary>
    public static int SizeOf(IEnumerable<StoredEvent> events)
    {
        var size = 0;
        foreach (var stored in events)
        {
            size += SizeOf(stored);
        }

        return size;
    }

    /// <summary>The bytes one event takes in a blob.</summary>
    public static int SizeOf(StoredEvent stored) => VarintSize((uint)stored.Bytes.Length) + stored.Bytes.Length;

    /// <summary>Concatenates the events.</summary>
    public static byte[] Encode(IReadOnlyCollection<StoredEvent> events)
    {
        var blob = new byte[SizeOf(events)];
        var position = 0;
        foreach (var stored in events)
        {
            var length = (uint)stored.Bytes.Length;
            while (length >= 0x80)
            {
                blob[position++] = (byte)(length | 0x80);
                length >>= 7;
            }

            blob[position++] = (byte)length;
            stored.Bytes.CopyTo(blob, position);
            position += stored.Bytes.Length;
        }

        return blob;
    }

    /// <summary>Appends each event's bytes, as slices of <paramref name="blob"/>, to <paramref name="events"/>.</summary>
    /// <exception cref="MessageFormatException">The blob is cut short or a length is malformed.</exception>
    public static void Split(ReadOnlyMemory<byte> blob, List<ReadOnlyMemory<byte>> events)
    {
        var span = blob.Span;
        var position = 0;
        while (position < span.Length)
        {
            uint length = 0;
            var shift = 0;
            byte next;
            do
            {
                if (position >= span.Length || shift > 28)
                {
                    throw new MessageFormatException(StateAttributes.Events, "has a malformed event length");
                }

                next = span[position++];
                length |= (uint)(next & 0x7F) << shift;
                shift += 7;
            }
            while (next >= 0x80);

            if (length > (uint)(span.Length - position))
            {
                throw new MessageFormatException(StateAttributes.Events, "is cut short: it ends inside an event");
            }

            events.Add(blob.Slice(position, (int)length));
            position += (int)length;
        }
    }

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
}
