using System.Collections.Concurrent;
using LambdaWorkflow.ServiceHost.Idempotency;

namespace LambdaWorkflow.Local.Idempotency;

/// <summary>
/// Idempotency records in process memory: lock-free compare-and-set per record. For the embedded runtime and tests;
/// records die with the process, so use <see cref="SqliteIdempotencyStore"/> when they must survive a restart.
/// </summary>
public sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    private readonly ConcurrentDictionary<string, IdempotencyRecord> _records = new(StringComparer.Ordinal);

    /// <summary>How many records are held, expired ones included.</summary>
    public int Count => _records.Count;

    /// <summary>Every record held, in no particular order.</summary>
    public IReadOnlyCollection<IdempotencyRecord> Records => [.. _records.Values];

    /// <inheritdoc />
    public Task<IdempotencyRecord?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Task.FromResult(_records.TryGetValue(key, out var record) ? record : null);
    }

    /// <inheritdoc />
    public Task<bool> TryCreateAsync(IdempotencyRecord record, CancellationToken cancellationToken = default)
    {
        IdempotencyRecordRules.ValidateNew(record);
        return Task.FromResult(_records.TryAdd(record.Key, record));
    }

    /// <inheritdoc />
    public Task<bool> TryReplaceAsync(IdempotencyRecord record, long expectedVersion, CancellationToken cancellationToken = default)
    {
        IdempotencyRecordRules.ValidateReplacement(record, expectedVersion);
        var replaced = _records.TryGetValue(record.Key, out var current)
            && current.Version == expectedVersion
            && _records.TryUpdate(record.Key, record, current);
        return Task.FromResult(replaced);
    }

    /// <inheritdoc />
    public Task<bool> TryDeleteAsync(string key, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var deleted = _records.TryGetValue(key, out var current)
            && current.Version == expectedVersion
            && _records.TryRemove(new KeyValuePair<string, IdempotencyRecord>(key, current));
        return Task.FromResult(deleted);
    }

    /// <summary>Deletes the records expired at <paramref name="now"/>, as a TTL would.</summary>
    /// <returns>How many were deleted.</returns>
    public int PurgeExpired(DateTimeOffset now)
    {
        var purged = 0;
        foreach (var (key, record) in _records)
        {
            if (record.ExpiresAt <= now && _records.TryRemove(new KeyValuePair<string, IdempotencyRecord>(key, record)))
            {
                purged++;
            }
        }

        return purged;
    }
}
