using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>Ids and seeds derived from the instance id, so that every replay produces the same values.</summary>
internal static class DeterministicValues
{
    /// <summary>A version-8 (custom) UUID from the instance id and a counter.</summary>
    public static Guid NewGuid(string instanceId, int counter)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(instanceId + "|guid|" + counter.ToString(System.Globalization.CultureInfo.InvariantCulture)), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>A stable seed for the instance's random numbers.</summary>
    public static int Seed(string instanceId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(instanceId + "|random"), hash);
        return BinaryPrimitives.ReadInt32LittleEndian(hash);
    }
}
