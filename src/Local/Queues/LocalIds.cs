using System.Buffers.Binary;
using System.Security.Cryptography;

namespace LambdaWorkflow.Local.Queues;

/// <summary>
/// Message and event ids of the embedded runtime, GUID-shaped like SQS's and EventBridge's. They need to be unique,
/// not unguessable: a random prefix per process and a counter cost a fraction of <see cref="Guid.NewGuid"/>, which
/// reads the OS random source (a system call on Linux) for every id, several times per workflow step.
/// </summary>
internal static class LocalIds
{
    private static readonly long s_process = BinaryPrimitives.ReadInt64LittleEndian(RandomNumberGenerator.GetBytes(8));
    private static long s_last;

    /// <summary>A new id in its <c>D</c> form, e.g. <c>5f0c2a91-7d3e-44b0-0100-000000000000</c>.</summary>
    public static string Next() => NextGuid().ToString();

    /// <summary>A new id as a <see cref="Guid"/>, for a holder that keeps 16 bytes rather than the string.</summary>
    public static Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, s_process);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[8..], Interlocked.Increment(ref s_last));
        return new Guid(bytes);
    }
}
