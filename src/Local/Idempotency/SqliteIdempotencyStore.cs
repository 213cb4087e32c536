using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using LambdaWorkflow.ServiceHost.Idempotency;
using Microsoft.Data.Sqlite;

namespace LambdaWorkflow.Local.Idempotency;

/// <summary>
/// Idempotency records in a SQLite table, so that a service running on one machine keeps its exactly-once effects
/// across restarts. Every write is one conditional statement (<c>INSERT … ON CONFLICT DO NOTHING</c>,
/// <c>UPDATE/DELETE … WHERE version = @expected</c>); the table is created on first use, in WAL mode.
/// </summary>
/// <remarks>Times are stored as Unix milliseconds. Call <see cref="PurgeExpiredAsync"/> now and then to drop expired records.</remarks>
[SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "The only interpolated part is the table name, checked against an identifier pattern; values are parameters.")]
public sealed partial class SqliteIdempotencyStore : IIdempotencyStore
{
    private const string Columns = "key, status, version, owner, lease_expires_at, reply, callback_deadline, heartbeat_deadline, expires_at";

    private readonly string _connectionString;
    private readonly string _table;
    private readonly bool _fullSync;
    private volatile bool _initialized;

    /// <summary>Creates the store; nothing is opened until first use.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, such as <c>Data Source=idempotency.db</c>.</param>
    /// <param name="tableName">The table, created if missing. Default <c>lwf_idempotency</c>.</param>
    /// <param name="fullSync">
    /// True syncs every commit to disk (<c>synchronous = FULL</c>), so records survive a power loss too; false (the default)
    /// uses <c>synchronous = NORMAL</c>, several times faster in WAL mode, whose commits survive a process crash but may be
    /// lost with the last moments before a power loss.
    /// </param>
    /// <exception cref="ArgumentException">The table name is not a plain SQL identifier.</exception>
    public SqliteIdempotencyStore(string connectionString, string tableName = "lwf_idempotency", bool fullSync = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (!Identifier().IsMatch(tableName ?? string.Empty))
        {
            throw new ArgumentException($"Table name '{tableName}' is not a plain identifier (letters, digits, underscores).", nameof(tableName));
        }

        _connectionString = connectionString;
        _table = tableName!;
        _fullSync = fullSync;
    }

    /// <inheritdoc />
    public async Task<IdempotencyRecord?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM {_table} WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <inheritdoc />
    public async Task<bool> TryCreateAsync(IdempotencyRecord record, CancellationToken cancellationToken = default)
    {
        IdempotencyRecordRules.ValidateNew(record);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"INSERT INTO {_table} ({Columns}) VALUES ($key, $status, $version, $owner, $lease, $reply, $deadline, $heartbeat, $expires) ON CONFLICT(key) DO NOTHING";
        Bind(command, record);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> TryReplaceAsync(IdempotencyRecord record, long expectedVersion, CancellationToken cancellationToken = default)
    {
        IdempotencyRecordRules.ValidateReplacement(record, expectedVersion);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"UPDATE {_table} SET status = $status, version = $version, owner = $owner, lease_expires_at = $lease, reply = $reply, " +
            "callback_deadline = $deadline, heartbeat_deadline = $heartbeat, expires_at = $expires WHERE key = $key AND version = $expected";
        Bind(command, record);
        command.Parameters.AddWithValue("$expected", expectedVersion);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> TryDeleteAsync(string key, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM {_table} WHERE key = $key AND version = $expected";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$expected", expectedVersion);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Deletes the records expired at <paramref name="now"/>, as a TTL would.</summary>
    /// <returns>How many were deleted.</returns>
    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM {_table} WHERE expires_at <= $now";
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (!_fullSync)
            {
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = "PRAGMA synchronous = NORMAL";
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (!_initialized)
            {
                await InitializeAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task InitializeAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // Idempotent, so connections opened together may all run it; no lock needed.
        await using var command = connection.CreateCommand();

        // WAL lets readers proceed while one writer commits; a busy database is retried up to the command timeout.
        command.CommandText =
            "PRAGMA journal_mode = WAL;" +
            $"CREATE TABLE IF NOT EXISTS {_table} (key TEXT NOT NULL PRIMARY KEY, status INTEGER NOT NULL, version INTEGER NOT NULL, " +
            "owner TEXT NULL, lease_expires_at INTEGER NULL, reply TEXT NULL, callback_deadline INTEGER NULL, heartbeat_deadline INTEGER NULL, " +
            "expires_at INTEGER NOT NULL) WITHOUT ROWID;";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        _initialized = true;
    }

    private static void Bind(SqliteCommand command, IdempotencyRecord record)
    {
        command.Parameters.AddWithValue("$key", record.Key);
        command.Parameters.AddWithValue("$status", (int)record.Status);
        command.Parameters.AddWithValue("$version", record.Version);
        command.Parameters.AddWithValue("$owner", (object?)record.Owner ?? DBNull.Value);
        command.Parameters.AddWithValue("$lease", Millis(record.LeaseExpiresAt));
        command.Parameters.AddWithValue("$reply", (object?)record.Reply ?? DBNull.Value);
        command.Parameters.AddWithValue("$deadline", Millis(record.CallbackDeadline));
        command.Parameters.AddWithValue("$heartbeat", Millis(record.HeartbeatDeadline));
        command.Parameters.AddWithValue("$expires", record.ExpiresAt.ToUnixTimeMilliseconds());
    }

    private static IdempotencyRecord Read(SqliteDataReader reader) => new()
    {
        Key = reader.GetString(0),
        Status = (IdempotencyStatus)reader.GetInt32(1),
        Version = reader.GetInt64(2),
        Owner = reader.IsDBNull(3) ? null : reader.GetString(3),
        LeaseExpiresAt = Time(reader, 4),
        Reply = reader.IsDBNull(5) ? null : reader.GetString(5),
        CallbackDeadline = Time(reader, 6),
        HeartbeatDeadline = Time(reader, 7),
        ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
    };

    private static object Millis(DateTimeOffset? time) => time is { } t ? t.ToUnixTimeMilliseconds() : DBNull.Value;

    private static DateTimeOffset? Time(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex Identifier();
}
