using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace LambdaWorkflow.Local.Queues;

/// <summary>
/// FIFO deduplication ids seen within the window, with the send they answer for. The window is fixed and time
/// only moves forward, so ids expire in the order they were added and a queue of them purges in O(1) amortized.
/// </summary>
/// <remarks>
/// A record is kept compact, since every instance's inbox start keeps one for the whole window: the id is held as
/// 128 bits of its SHA-256 (<see cref="KeyOf"/>), and the message id as a <see cref="Guid"/>, formatted again when
/// a duplicate asks for it. Two different ids share a key with probability about n²/2¹²⁹ for n live ids (1e-20
/// for a billion), far below any other failure; a shared key would make the later send a duplicate.
/// </remarks>
internal sealed class DeduplicationCache(TimeSpan window)
{
    private readonly Dictionary<UInt128, Entry> _entries = [];
    private readonly Queue<UInt128> _expiries = new();

    /// <summary>The key of a deduplication id. Pure: computed outside the queue's lock.</summary>
    public static UInt128 KeyOf(string deduplicationId)
    {
        // Hash the UTF-16 code units: exact for any string, no encoding step and no allocation.
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(MemoryMarshal.AsBytes(deduplicationId.AsSpan()), hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }

    public bool TryGetOriginal(UInt128 key, long nowTicks, out SendResult original)
    {
        Purge(nowTicks);

        // The expiry is checked here too, so a late purge can never extend the window.
        if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAtTicks > nowTicks)
        {
            original = new SendResult(entry.MessageId.ToString(), entry.SequenceNumber, IsDuplicate: true);
            return true;
        }

        original = default;
        return false;
    }

    /// <summary>Records a send; <paramref name="messageId"/> is the message's id, which is a GUID's "D" form.</summary>
    public void Add(UInt128 key, Guid messageId, long sequenceNumber, long nowTicks)
    {
        _entries[key] = new Entry(messageId, sequenceNumber, nowTicks + window.Ticks);
        _expiries.Enqueue(key);
    }

    private void Purge(long nowTicks)
    {
        // Each key is queued once per Add and Add follows a failed look-up, so a queued key is in the dictionary with
        // the expiry of that Add; an unknown key (defensive) is skipped.
        while (_expiries.TryPeek(out var key))
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                if (entry.ExpiresAtTicks > nowTicks)
                {
                    return;
                }

                _entries.Remove(key);
            }

            _expiries.Dequeue();
        }
    }

    private readonly record struct Entry(Guid MessageId, long SequenceNumber, long ExpiresAtTicks);
}
