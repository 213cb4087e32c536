using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator.State;
using Microsoft.Data.Sqlite;

namespace LambdaWorkflow.Local.State;

/// <summary>
/// Instance state in a SQLite file, so the embedded runtime survives its own process being killed. WAL journal:
/// a committed turn is on disk before the call returns, and a killed process loses no committed turn.
/// A turn is one SQLite transaction; a lost version race rolls back, so nothing of it is visible.
/// </summary>
public sealed class SqliteWorkflowStateStore : IWorkflowStateStore, IInstanceLister
{
    private readonly string _connectionString;

    /// <summary>Opens (and creates if needed) the database at <paramref name="path"/>.</summary>
    public SqliteWorkflowStateStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        using var create = connection.CreateCommand();
        create.CommandText = SqliteSchema.Create;
        create.ExecuteNonQuery();
        SqliteSchema.Upgrade(connection);
    }

    /// <inheritdoc />
    public async Task<InstanceSnapshot?> LoadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        var metadata = await ReadMetadataAsync(connection, instanceId, cancellationToken).ConfigureAwait(false);
        if (metadata is null)
        {
            return null;
        }

        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT seq, type, ts, call_number, service, operation, attempt, payload, failure_type, failure_message, failure_stack, name, key FROM history WHERE instance_id = $id AND seq >= $first AND seq < $count ORDER BY seq";
        query.Parameters.AddWithValue("$id", instanceId);
        query.Parameters.AddWithValue("$first", metadata.FirstSequence);
        query.Parameters.AddWithValue("$count", metadata.EventCount);
        var history = new List<HistoryEvent>(metadata.EventCount - metadata.FirstSequence);
        await using (var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                history.Add(new HistoryEvent
                {
                    Sequence = reader.GetInt32(0),
                    Type = (HistoryEventType)reader.GetInt32(1),
                    Timestamp = new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero),
                    CallNumber = reader.GetInt32(3),
                    Service = reader.IsDBNull(4) ? null : reader.GetString(4),
                    Operation = reader.IsDBNull(5) ? null : reader.GetString(5),
                    Attempt = reader.GetInt32(6),
                    Payload = SqliteSchema.ReadPayload(reader, 7),
                    Failure = SqliteSchema.ReadFailure(reader, 8),
                    Name = reader.IsDBNull(11) ? null : reader.GetString(11),
                    Key = reader.IsDBNull(12) ? null : reader.GetString(12),
                });
            }
        }

        if (history.Count != metadata.EventCount - metadata.FirstSequence)
        {
            throw new InvalidOperationException($"Instance '{instanceId}' commits events {metadata.FirstSequence} to {metadata.EventCount - 1} but {history.Count} are stored.");
        }

        return new InstanceSnapshot(metadata, history);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<InstanceMetadata>> ListAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = Open();
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT instance_id FROM instances WHERE ($status IS NULL OR status = $status) AND ($workflow IS NULL OR workflow = $workflow) AND ($after IS NULL OR updated_at > $after) ORDER BY updated_at DESC LIMIT $limit";
        select.Parameters.AddWithValue("$status", query.Status is { } status ? (int)status : DBNull.Value);
        select.Parameters.AddWithValue("$workflow", (object?)query.Workflow ?? DBNull.Value);
        select.Parameters.AddWithValue("$after", query.UpdatedAfter is { } after ? after.UtcTicks : DBNull.Value);
        select.Parameters.AddWithValue("$limit", query.Limit);
        var ids = new List<string>();
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetString(0));
            }
        }

        var result = new List<InstanceMetadata>(ids.Count);
        foreach (var id in ids)
        {
            if (await ReadMetadataAsync(connection, id, cancellationToken).ConfigureAwait(false) is { } metadata)
            {
                result.Add(metadata);
            }
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<InstanceMetadata?> GetMetadataAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        return await ReadMetadataAsync(connection, instanceId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var m = commit.Metadata;
        await using var connection = Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var e in commit.NewEvents)
            {
                await using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT OR REPLACE INTO history (instance_id, seq, type, ts, call_number, service, operation, attempt, payload, failure_type, failure_message, failure_stack, name, key) VALUES ($id, $seq, $type, $ts, $call, $service, $operation, $attempt, $payload, $ftype, $fmessage, $fstack, $name, $key)";
                insert.Parameters.AddWithValue("$id", m.InstanceId);
                insert.Parameters.AddWithValue("$seq", e.Sequence);
                insert.Parameters.AddWithValue("$type", (int)e.Type);
                insert.Parameters.AddWithValue("$ts", e.Timestamp.UtcTicks);
                insert.Parameters.AddWithValue("$call", e.CallNumber);
                insert.Parameters.AddWithValue("$service", (object?)e.Service ?? DBNull.Value);
                insert.Parameters.AddWithValue("$operation", (object?)e.Operation ?? DBNull.Value);
                insert.Parameters.AddWithValue("$attempt", e.Attempt);
                insert.Parameters.AddWithValue("$name", (object?)e.Name ?? DBNull.Value);
                insert.Parameters.AddWithValue("$key", (object?)e.Key ?? DBNull.Value);
                SqliteSchema.AddPayload(insert, "$payload", e.Payload);
                SqliteSchema.AddFailure(insert, "$ftype", "$fmessage", "$fstack", e.Failure);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText = commit.ExpectedVersion == 0
                ? "INSERT OR IGNORE INTO instances (instance_id, workflow, status, version, event_count, first_seq, input, output, custom_status, error_type, error_message, error_stack, created_at, updated_at) VALUES ($id, $workflow, $status, $version, $count, $first, $input, $output, $custom, $etype, $emessage, $estack, $created, $updated)"
                : "UPDATE instances SET workflow = $workflow, status = $status, version = $version, event_count = $count, first_seq = $first, input = $input, output = $output, custom_status = $custom, error_type = $etype, error_message = $emessage, error_stack = $estack, created_at = $created, updated_at = $updated WHERE instance_id = $id AND version = $expected";
            upsert.Parameters.AddWithValue("$id", m.InstanceId);
            upsert.Parameters.AddWithValue("$workflow", m.Workflow);
            upsert.Parameters.AddWithValue("$status", (int)m.Status);
            upsert.Parameters.AddWithValue("$version", m.Version);
            upsert.Parameters.AddWithValue("$count", m.EventCount);
            upsert.Parameters.AddWithValue("$first", m.FirstSequence);
            upsert.Parameters.AddWithValue("$expected", commit.ExpectedVersion);
            SqliteSchema.AddPayload(upsert, "$input", m.Input);
            SqliteSchema.AddPayload(upsert, "$output", m.Output);
            SqliteSchema.AddPayload(upsert, "$custom", m.CustomStatus);
            SqliteSchema.AddFailure(upsert, "$etype", "$emessage", "$estack", m.Error);
            upsert.Parameters.AddWithValue("$created", m.CreatedAt.UtcTicks);
            upsert.Parameters.AddWithValue("$updated", m.UpdatedAt.UtcTicks);
            if (await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                throw new ConcurrencyConflictException(m.InstanceId, commit.ExpectedVersion);
            }

            if (m.FirstSequence > 0)
            {
                // Earlier runs are unreachable once a continue-as-new committed.
                await using var prune = connection.CreateCommand();
                prune.Transaction = transaction;
                prune.CommandText = "DELETE FROM history WHERE instance_id = $id AND seq < $first";
                prune.Parameters.AddWithValue("$id", m.InstanceId);
                prune.Parameters.AddWithValue("$first", m.FirstSequence);
                await prune.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            // SQLITE_BUSY / SQLITE_LOCKED after the busy timeout: transient, the turn is retried.
            throw new StateStoreUnavailableException($"SQLite database is busy committing instance '{m.InstanceId}'.", ex);
        }
    }

    private static async Task<InstanceMetadata?> ReadMetadataAsync(SqliteConnection connection, string instanceId, CancellationToken cancellationToken)
    {
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT workflow, status, version, event_count, input, output, error_type, error_message, error_stack, created_at, updated_at, custom_status, first_seq FROM instances WHERE instance_id = $id";
        query.Parameters.AddWithValue("$id", instanceId);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new InstanceMetadata
        {
            InstanceId = instanceId,
            Workflow = reader.GetString(0),
            Status = (WorkflowStatus)reader.GetInt32(1),
            Version = reader.GetInt64(2),
            EventCount = reader.GetInt32(3),
            FirstSequence = reader.GetInt32(12),
            Input = SqliteSchema.ReadPayload(reader, 4),
            Output = SqliteSchema.ReadPayload(reader, 5),
            Error = SqliteSchema.ReadFailure(reader, 6),
            CustomStatus = SqliteSchema.ReadPayload(reader, 11),
            CreatedAt = new DateTimeOffset(reader.GetInt64(9), TimeSpan.Zero),
            UpdatedAt = new DateTimeOffset(reader.GetInt64(10), TimeSpan.Zero),
        };
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
