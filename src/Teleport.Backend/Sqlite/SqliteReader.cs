using System.Text;
using Microsoft.Data.Sqlite;

namespace Teleport.Backend.Sqlite;

/// <summary>One read-only connection with its prepared queries. Expired rows are filtered here, not trusted to the sweep.</summary>
internal sealed class SqliteReader : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _get;
    private readonly SqliteCommand _range;

    public SqliteReader(SqliteConnection connection)
    {
        _connection = connection;
        _get = connection.CreateCommand();
        _get.CommandText = "SELECT key, value, expires, revision FROM kv WHERE key = $key AND (expires IS NULL OR expires > $now)";
        _get.Parameters.Add(new SqliteParameter("$key", DBNull.Value));
        _get.Parameters.Add(new SqliteParameter("$now", DBNull.Value));
        _range = connection.CreateCommand();
        // LIMIT -1 is SQLite's "no limit". The primary key index serves both the range and the order.
        _range.CommandText = """
            SELECT key, value, expires, revision FROM kv
            WHERE key >= $start AND key < $end AND (expires IS NULL OR expires > $now)
            ORDER BY key LIMIT $limit
            """;
        _range.Parameters.Add(new SqliteParameter("$start", DBNull.Value));
        _range.Parameters.Add(new SqliteParameter("$end", DBNull.Value));
        _range.Parameters.Add(new SqliteParameter("$now", DBNull.Value));
        _range.Parameters.Add(new SqliteParameter("$limit", DBNull.Value));
    }

    public Item? Get(string key, long now)
    {
        _get.Parameters["$key"].Value = SqliteWriteStatements.Encode(key);
        _get.Parameters["$now"].Value = now;
        using SqliteDataReader reader = _get.ExecuteReader();
        return reader.Read() ? ReadItem(reader) : null;
    }

    public List<Item> GetRange(string startKey, string endKey, int limit, long now)
    {
        _range.Parameters["$start"].Value = SqliteWriteStatements.Encode(startKey);
        _range.Parameters["$end"].Value = SqliteWriteStatements.Encode(endKey);
        _range.Parameters["$now"].Value = now;
        _range.Parameters["$limit"].Value = limit == 0 ? -1 : limit;
        var items = new List<Item>();
        using SqliteDataReader reader = _range.ExecuteReader();
        while (reader.Read())
        {
            items.Add(ReadItem(reader));
        }

        return items;
    }

    public void Dispose()
    {
        _get.Dispose();
        _range.Dispose();
        _connection.Dispose();
    }

    private static Item ReadItem(SqliteDataReader reader) => new(
        Encoding.UTF8.GetString(reader.GetFieldValue<byte[]>(0)),
        reader.GetFieldValue<byte[]>(1),
        reader.IsDBNull(2) ? null : new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero),
        reader.GetInt64(3));
}
