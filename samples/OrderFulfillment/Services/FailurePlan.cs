using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OrderFulfillment.Services;

/// <summary>
/// Decides, from the seed and the call, whether a service fails or how slow it is. A pure function of its inputs,
/// so the same seed gives the same outcomes however the runtime schedules the calls.
/// </summary>
public sealed class FailurePlan(SampleOptions options)
{
    public SampleOptions Options { get; } = options;

    /// <summary>A uniform number in [0, 1) for this seed, call, attempt and purpose.</summary>
    public double Draw(string callId, int attempt, string purpose)
    {
        var bytes = Encoding.UTF8.GetBytes($"{Options.Seed}|{callId}|{attempt}|{purpose}");
        var hash = BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(bytes));
        return (hash >> 11) * (1.0 / (1UL << 53));
    }

    public bool Fails(string callId, string purpose, double rate) => Draw(callId, 0, purpose) < rate;

    public bool TransientFailure(string callId, int attempt) => Draw(callId, attempt, "transient") < Options.TransientFailureRate;

    public TimeSpan Latency(string callId, int attempt)
    {
        var span = Math.Max(0, Options.MaxLatencyMs - Options.MinLatencyMs);
        return TimeSpan.FromMilliseconds(Options.MinLatencyMs + (Draw(callId, attempt, "latency") * span));
    }
}
