using System.Text;
using Microsoft.Data.Sqlite;

namespace Teleport.Backend.Sqlite;

/// <summary>
/// The SQL of every write, prepared once on the writer's connection. Each statement checks its
/// precondition in its WHERE clause, so a refused operation changes nothing and the transaction
/// it shares with others can still commit. "Live" means not expired at the writer's clock.
/// </summary>
internal sealed class SqliteWriteStatements : IDisposable
{
    /// <summary>Keys removed per sweep transaction, so one sweep of a huge backlog does not hold the writer for long.</summary>
    public const int SweepLimit = 1000;

    private const string Live = "(expires IS NULL OR expires > $now)";

    private readonly List<SqliteCommand> _commands = [];
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;
    private readonly SqliteCommand _put;
    private readonly SqliteCommand _create;
    private readonly SqliteCommand _update;
    private readonly SqliteCommand _compareAndSwap;
    private readonly SqliteCommand _exists;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _deleteRange;
    private readonly SqliteCommand _keepAlive;
    private readonly SqliteCommand _sweep;
    private readonly SqliteCommand _saveRevision;

    public SqliteWriteStatements(SqliteConnection connection)
    {
        // IMMEDIATE takes the write lock at BEGIN, so a busy database fails here, before any work.
        _begin = Prepare(connection, "BEGIN IMMEDIATE");
        _commit = Prepare(connection, "COMMIT");
        _rollback = Prepare(connection, "ROLLBACK");
        _put = Prepare(connection, """
            INSERT INTO kv (key, value, expires, revision) VALUES ($key, $value, $expires, $revision)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires = excluded.expires, revision = excluded.revision
            """, "$key", "$value", "$expires", "$revision");
        // An expired row not yet swept does not count as existing: the create takes its place.
        _create = Prepare(connection, """
            INSERT INTO kv (key, value, expires, revision) VALUES ($key, $value, $expires, $revision)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires = excluded.expires, revision = excluded.revision
            WHERE kv.expires IS NOT NULL AND kv.expires <= $now
            """, "$key", "$value", "$expires", "$revision", "$now");
        _update = Prepare(connection, $"""
            UPDATE kv SET value = $value, expires = $expires, revision = $revision WHERE key = $key AND {Live}
            """, "$key", "$value", "$expires", "$revision", "$now");
        _compareAndSwap = Prepare(connection, $"""
            UPDATE kv SET value = $value, expires = $expires, revision = $revision WHERE key = $key AND value = $expected AND {Live}
            """, "$key", "$value", "$expires", "$revision", "$now", "$expected");
        _exists = Prepare(connection, $"SELECT 1 FROM kv WHERE key = $key AND {Live}", "$key", "$now");
        _delete = Prepare(connection, $"DELETE FROM kv WHERE key = $key AND {Live}", "$key", "$now");
        _deleteRange = Prepare(connection, "DELETE FROM kv WHERE key >= $key AND key < $end RETURNING key", "$key", "$end");
        _keepAlive = Prepare(connection, $"""
            UPDATE kv SET expires = $expires, revision = $revision WHERE key = $key AND {Live} RETURNING value
            """, "$key", "$expires", "$revision", "$now");
        _sweep = Prepare(connection, $"""
            DELETE FROM kv WHERE key IN (SELECT key FROM kv WHERE expires IS NOT NULL AND expires <= $now LIMIT {SweepLimit}) RETURNING key
            """, "$now");
        _saveRevision = Prepare(connection, "UPDATE meta SET value = $revision WHERE name = 'revision'", "$revision");
    }

    public void Begin() => _begin.ExecuteNonQuery();

    public void Commit() => _commit.ExecuteNonQuery();

    /// <summary>Rolls back if a transaction is open; SQLite may already have rolled back on some errors (SQLITE_FULL, SQLITE_IOERR).</summary>
    public void Rollback(SqliteConnection connection)
    {
        // sqlite3_get_autocommit is the only reliable "is a transaction open" test.
        if (SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0)
        {
            _rollback.ExecuteNonQuery();
        }
    }

    public bool Put(WriteRequest request, long revision) => Store(_put, request, revision, now: null) == 1;

    public bool Create(WriteRequest request, long revision, long now) => Store(_create, request, revision, now) == 1;

    public bool Update(WriteRequest request, long revision, long now) => Store(_update, request, revision, now) == 1;

    public bool CompareAndSwap(WriteRequest request, long revision, long now)
    {
        _compareAndSwap.Parameters["$expected"].Value = request.Expected;
        return Store(_compareAndSwap, request, revision, now) == 1;
    }

    public bool Exists(string key, long now)
    {
        _exists.Parameters["$key"].Value = Encode(key);
        _exists.Parameters["$now"].Value = now;
        return _exists.ExecuteScalar() is not null;
    }

    public bool Delete(string key, long now)
    {
        _delete.Parameters["$key"].Value = Encode(key);
        _delete.Parameters["$now"].Value = now;
        return _delete.ExecuteNonQuery() == 1;
    }

    /// <summary>Deletes [start, end) and returns the deleted keys, expired ones included, in key order.</summary>
    public List<string> DeleteRange(string startKey, string endKey)
    {
        _deleteRange.Parameters["$key"].Value = Encode(startKey);
        _deleteRange.Parameters["$end"].Value = Encode(endKey);
        return ReadKeys(_deleteRange);
    }

    /// <summary>Moves a live item's expiry; returns its value, or null when there is no live item.</summary>
    public byte[]? KeepAlive(string key, DateTimeOffset expires, long revision, long now)
    {
        _keepAlive.Parameters["$key"].Value = Encode(key);
        _keepAlive.Parameters["$expires"].Value = expires.UtcTicks;
        _keepAlive.Parameters["$revision"].Value = revision;
        _keepAlive.Parameters["$now"].Value = now;
        using SqliteDataReader reader = _keepAlive.ExecuteReader();
        return reader.Read() ? reader.GetFieldValue<byte[]>(0) : null;
    }

    /// <summary>Deletes up to <see cref="SweepLimit"/> expired items and returns their keys in key order.</summary>
    public List<string> Sweep(long now)
    {
        _sweep.Parameters["$now"].Value = now;
        return ReadKeys(_sweep);
    }

    public void SaveRevision(long revision)
    {
        _saveRevision.Parameters["$revision"].Value = revision;
        _saveRevision.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (SqliteCommand command in _commands)
        {
            command.Dispose();
        }
    }

    internal static byte[] Encode(string key) => Encoding.UTF8.GetBytes(key);

    private static List<string> ReadKeys(SqliteCommand command)
    {
        var keys = new List<byte[]>();
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                keys.Add(reader.GetFieldValue<byte[]>(0));
            }
        }

        // RETURNING comes in no particular order; events go out in key order, like the memory backend's.
        keys.Sort((x, y) => x.AsSpan().SequenceCompareTo(y));
        return keys.ConvertAll(key => Encoding.UTF8.GetString(key));
    }

    private static int Store(SqliteCommand command, WriteRequest request, long revision, long? now)
    {
        command.Parameters["$key"].Value = Encode(request.Key);
        command.Parameters["$value"].Value = request.Value;
        command.Parameters["$expires"].Value = request.Expires is { } expires ? expires.UtcTicks : DBNull.Value;
        command.Parameters["$revision"].Value = revision;
        if (now is { } ticks)
        {
            command.Parameters["$now"].Value = ticks;
        }

        return command.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        SqliteCommand command = connection.CreateCommand();
        _commands.Add(command);
        command.CommandText = sql;
        foreach (string name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        return command;
    }
}
