using LambdaWorkflow.Contracts;
using Microsoft.Data.Sqlite;

namespace LambdaWorkflow.Local.State;

/// <summary>The SQLite store's tables and its column conversions.</summary>
internal static class SqliteSchema
{
    /// <summary>WAL lets readers run beside the writer; NORMAL sync is durable against a killed process.</summary>
    public const string Create = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE IF NOT EXISTS instances (
            instance_id TEXT PRIMARY KEY,
            workflow TEXT NOT NULL,
            status INTEGER NOT NULL,
            version INTEGER NOT NULL,
            event_count INTEGER NOT NULL,
            first_seq INTEGER NOT NULL DEFAULT 0,
            input BLOB, output BLOB, custom_status BLOB,
            error_type TEXT, error_message TEXT, error_stack TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS history (
            instance_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            type INTEGER NOT NULL,
            ts INTEGER NOT NULL,
            call_number INTEGER NOT NULL,
            service TEXT, operation TEXT, name TEXT, key TEXT,
            attempt INTEGER NOT NULL,
            payload BLOB,
            failure_type TEXT, failure_message TEXT, failure_stack TEXT,
            PRIMARY KEY (instance_id, seq)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS instances_by_status ON instances (status, updated_at);
        """;

    /// <summary>Brings a database made by an earlier version up to date: <c>first_seq</c> came with continue-as-new.</summary>
    public static void Upgrade(SqliteConnection connection)
    {
        using var probe = connection.CreateCommand();
        probe.CommandText = "SELECT COUNT(*) FROM pragma_table_info('instances') WHERE name = 'first_seq'";
        if (Convert.ToInt64(probe.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            using var alter = connection.CreateCommand();
            alter.CommandText = "ALTER TABLE instances ADD COLUMN first_seq INTEGER NOT NULL DEFAULT 0";
            alter.ExecuteNonQuery();
        }
    }

    public static void AddPayload(SqliteCommand command, string name, JsonPayload payload) =>
        command.Parameters.Add(name, SqliteType.Blob).Value = payload.IsEmpty ? DBNull.Value : payload.Utf8Json.ToArray();

    public static JsonPayload ReadPayload(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? default : new JsonPayload((byte[])reader.GetValue(ordinal));

    public static void AddFailure(SqliteCommand command, string type, string message, string stack, FailureDetails? failure)
    {
        command.Parameters.AddWithValue(type, (object?)failure?.ErrorType ?? DBNull.Value);
        command.Parameters.AddWithValue(message, (object?)failure?.Message ?? DBNull.Value);
        command.Parameters.AddWithValue(stack, (object?)failure?.StackTrace ?? DBNull.Value);
    }

    public static FailureDetails? ReadFailure(SqliteDataReader reader, int first) =>
        reader.IsDBNull(first) ? null : new FailureDetails(reader.GetString(first), reader.GetString(first + 1), reader.IsDBNull(first + 2) ? null : reader.GetString(first + 2));
}
