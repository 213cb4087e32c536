namespace LambdaWorkflow.ServiceHost.Idempotency;

/// <summary>
/// Durable records of which calls a service has run, keyed by call: compare-and-set on a version number, so that
/// concurrent deliveries of one call agree on a single winner. The dispatcher holds the logic; a store only keeps
/// records (in memory, SQLite, DynamoDB).
/// </summary>
/// <remarks>
/// Every write is conditional and atomic per record. Times round-trip with millisecond precision. A store may keep
/// a record past its <see cref="IdempotencyRecord.ExpiresAt"/> (DynamoDB deletes expired items lazily); readers
/// treat such a record as gone.
/// </remarks>
public interface IIdempotencyStore
{
    /// <summary>Reads a record, expired or not; null when there is none.</summary>
    /// <param name="key">The record's key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IdempotencyRecord?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Writes a record only if none exists under its key.</summary>
    /// <param name="record">The record; its <see cref="IdempotencyRecord.Version"/> is usually 1.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>True when written; false when a record (even an expired one) already exists.</returns>
    Task<bool> TryCreateAsync(IdempotencyRecord record, CancellationToken cancellationToken = default);

    /// <summary>Replaces a record only if the stored one has version <paramref name="expectedVersion"/>.</summary>
    /// <param name="record">The new record, whose version is higher than <paramref name="expectedVersion"/>.</param>
    /// <param name="expectedVersion">The version read before.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>True when replaced; false when the record is missing or has another version.</returns>
    Task<bool> TryReplaceAsync(IdempotencyRecord record, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Deletes a record only if it has version <paramref name="expectedVersion"/>.</summary>
    /// <param name="key">The record's key.</param>
    /// <param name="expectedVersion">The version read before.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns>True when deleted; false when the record is missing or has another version.</returns>
    Task<bool> TryDeleteAsync(string key, long expectedVersion, CancellationToken cancellationToken = default);
}
