using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace LambdaWorkflow.Aws.Sqs;

/// <summary>
/// Counts the SQS requests the adapters make, by operation, retries included: each is a billed request. Share one
/// counter between adapters and compare <see cref="Snapshot"/>s taken before and after a step to cost it.
/// </summary>
public sealed class SqsRequestCounter
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _counts = new(StringComparer.Ordinal);

    /// <summary>All requests so far.</summary>
    public long Total => _counts.Values.Sum(box => Interlocked.Read(ref box.Value));

    /// <summary>Requests of one operation so far; 0 for an operation never called.</summary>
    public long Count(string operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return _counts.TryGetValue(operation, out var box) ? Interlocked.Read(ref box.Value) : 0;
    }

    /// <summary>The counts by operation now, in operation-name order.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() =>
        new SortedDictionary<string, long>(
            _counts.ToDictionary(pair => pair.Key, pair => Interlocked.Read(ref pair.Value.Value), StringComparer.Ordinal),
            StringComparer.Ordinal);

    /// <summary>Counts one request.</summary>
    internal void Increment(string operation) =>
        Interlocked.Increment(ref _counts.GetOrAdd(operation, static _ => new StrongBox<long>()).Value);
}
