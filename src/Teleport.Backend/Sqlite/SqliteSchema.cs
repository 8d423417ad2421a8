using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Teleport.Backend.Sqlite;

/// <summary>The database layout, the connection settings that make it crash-safe, and the checks that they took.</summary>
/// <remarks>
/// <c>kv</c> holds the items. Keys are BLOBs of UTF-8 so SQLite orders them with memcmp, which is
/// code point order, the contract's order, whatever the keys contain. <c>expires</c> is UTC ticks
/// (100 ns since 0001-01-01), exact for .NET's <see cref="DateTimeOffset"/>; NULL never expires.
/// <c>meta.revision</c> is the backend's revision counter: written in the same transaction as the
/// changes it numbers, so a reopened database continues where it stopped, even when the newest
/// rows were deleted.
/// </remarks>
internal static class SqliteSchema
{
    public const int Version = 1;

    private const string CreateTables = """
        CREATE TABLE IF NOT EXISTS kv (
            key BLOB NOT NULL PRIMARY KEY,
            value BLOB NOT NULL,
            expires INTEGER,
            revision INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS kv_expires ON kv (expires) WHERE expires IS NOT NULL;
        CREATE TABLE IF NOT EXISTS meta (
            name TEXT NOT NULL PRIMARY KEY,
            value INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT OR IGNORE INTO meta (name, value) VALUES ('revision', 0);
        """;

    /// <summary>The connection string: no pooling (the backend owns its connections and closes them on dispose).</summary>
    public static string ConnectionString(string databasePath, bool readOnly) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        // The file exists already, created with the right mode; never let SQLite create it.
        Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
        Pooling = false,
        Cache = SqliteCacheMode.Private,
    }.ToString();

    /// <summary>
    /// Settings for every connection. <c>synchronous=FULL</c> in WAL mode fsyncs the WAL at every
    /// commit, so a commit that returned survives a power cut, not only a crash of the process
    /// (NORMAL would lose the last commits on power loss). It is per connection, hence set on each.
    /// </summary>
    public static void Configure(SqliteConnection connection, TimeSpan busyTimeout)
    {
        Execute(connection, $"PRAGMA busy_timeout = {(int)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = FULL;");
        string synchronous = Scalar(connection, "PRAGMA synchronous");
        if (synchronous != "2")
        {
            throw new BackendException($"SQLite refused synchronous=FULL (got {synchronous}); writes would not be durable");
        }
    }

    /// <summary>Switches to WAL, creates or checks the tables, and returns the stored revision.</summary>
    public static long Initialize(SqliteConnection connection, string databasePath)
    {
        // WAL: readers do not block the writer nor it them, and a commit is one sequential append.
        string journalMode = Scalar(connection, "PRAGMA journal_mode = WAL");
        if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new BackendException($"{databasePath}: SQLite could not switch to WAL journal mode (got {journalMode}); is the file on a network file system?");
        }

        int version = int.Parse(Scalar(connection, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        if (version > Version)
        {
            throw new BackendException($"{databasePath} has schema version {version}, newer than this program's {Version}: upgrade the program");
        }

        using SqliteTransaction transaction = connection.BeginTransaction();
        Execute(connection, CreateTables, transaction);
        Execute(connection, $"PRAGMA user_version = {Version}", transaction);
        transaction.Commit();
        return long.Parse(Scalar(connection, "SELECT value FROM meta WHERE name = 'revision'"), CultureInfo.InvariantCulture);
    }

    public static long CountItems(SqliteConnection connection) =>
        long.Parse(Scalar(connection, "SELECT count(*) FROM kv"), CultureInfo.InvariantCulture);

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? string.Empty;
    }
}
