using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Teleport.Backend.Internal;
using Teleport.Backend.Sqlite;

namespace Teleport.Backend;

/// <summary>
/// The default backend: one SQLite file (<c>&lt;directory&gt;/sqlite.db</c>, mode 0600) in WAL mode
/// with <c>synchronous=FULL</c>, so every acknowledged write survives a crash of the process and,
/// as far as the file system keeps its fsync promises, a power cut.
/// </summary>
/// <remarks>
/// <para>
/// Writes go through one connection and one loop (SQLite has a single writer anyway), which commits
/// whatever is queued in one transaction; reads use a small pool of read-only connections.
/// </para>
/// <para>
/// Watches are fed from the write path in this process, so this process must be the only writer:
/// a second process writing the file would change data no watcher hears of. Opening takes an
/// exclusive lock on <c>sqlite.db.lock</c> to enforce that; for several Auth servers sharing state
/// use PostgreSQL (see <c>docs/backend.md</c>).
/// </para>
/// </remarks>
public sealed class SqliteBackend : IBackend
{
    private readonly FileStream _lock;
    private readonly SqliteReadPool _readers;
    private readonly SqliteWriter _writer;
    private readonly EventFanout _fanout;
    private readonly ExpirySweeper _sweeper;
    private readonly TimeProvider _time;
    private int _disposed;

    private SqliteBackend(SqliteBackendOptions options, FileStream lockFile, SqliteConnection writeConnection, long revision, IReadOnlyCollection<SqliteReader> readers, ILogger logger)
    {
        DatabasePath = options.DatabasePath;
        _time = options.TimeProvider;
        _lock = lockFile;
        _readers = new SqliteReadPool(readers);
        _fanout = new EventFanout(revision, options.WatcherQueueCapacity, logger);
        _writer = new SqliteWriter(writeConnection, revision, _fanout, options, logger);
        _sweeper = new ExpirySweeper(options.SweepInterval, _time, SweepExpiredAsync, logger);
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    /// <summary>
    /// Opens (creating when missing) the database in <see cref="SqliteBackendOptions.Directory"/>.
    /// Throws <see cref="BackendException"/> when another backend holds it or SQLite cannot
    /// provide WAL mode and full synchronous commits.
    /// </summary>
    public static ValueTask<SqliteBackend> OpenAsync(SqliteBackendOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        ILogger logger = options.LoggerFactory?.CreateLogger("Teleport.Backend.Sqlite") ?? NullLogger.Instance;
        string path = options.DatabasePath;
        FileStream lockFile = SqliteFiles.Prepare(path);
        SqliteConnection? writeConnection = null;
        var readers = new List<SqliteReader>();
        try
        {
            writeConnection = Connect(path, readOnly: false, options.BusyTimeout);
            long revision = SqliteSchema.Initialize(writeConnection, path);
            long count = SqliteSchema.CountItems(writeConnection);
            for (int i = 0; i < options.ReadConnections; i++)
            {
                readers.Add(new SqliteReader(Connect(path, readOnly: true, options.BusyTimeout)));
            }

            BackendLog.SqliteOpened(logger, path, count, revision);
            return ValueTask.FromResult(new SqliteBackend(options, lockFile, writeConnection, revision, readers, logger));
        }
        catch (Exception e)
        {
            readers.ForEach(reader => reader.Dispose());
            writeConnection?.Dispose();
            lockFile.Dispose();
            if (e is SqliteException)
            {
                throw new BackendException($"cannot open the SQLite backend {path}: {e.Message}", innerException: e);
            }

            throw;
        }
    }

    public ValueTask<Item?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        Keys.Validate(key, nameof(key));
        return _readers.ReadAsync((key, now: Now()), static (reader, state) => reader.Get(state.key, state.now), cancellationToken);
    }

    public async ValueTask<IReadOnlyList<Item>> GetRangeAsync(string startKey, string endKey, int limit, CancellationToken cancellationToken = default)
    {
        Arguments.Range(startKey, endKey);
        Arguments.Limit(limit);
        return await _readers.ReadAsync(
            (startKey, endKey, limit, now: Now()),
            static (reader, state) => reader.GetRange(state.startKey, state.endKey, state.limit, state.now),
            cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<Item> PutAsync(Item item, CancellationToken cancellationToken = default) =>
        StoreAsync(WriteKind.Put, Arguments.Item(item, nameof(item)), cancellationToken);

    public ValueTask<Item> CreateAsync(Item item, CancellationToken cancellationToken = default) =>
        StoreAsync(WriteKind.Create, Arguments.Item(item, nameof(item)), cancellationToken);

    public ValueTask<Item> UpdateAsync(Item item, CancellationToken cancellationToken = default) =>
        StoreAsync(WriteKind.Update, Arguments.Item(item, nameof(item)), cancellationToken);

    public async ValueTask<Item> CompareAndSwapAsync(Item expected, Item replacement, CancellationToken cancellationToken = default)
    {
        Arguments.CompareAndSwap(expected, replacement);
        replacement = Arguments.Item(replacement, nameof(replacement));
        WriteResult result = await _writer.WriteAsync(WriteRequest.CompareAndSwap(expected, replacement, cancellationToken), cancellationToken).ConfigureAwait(false);
        return result.Item!;
    }

    public async ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        Keys.Validate(key, nameof(key));
        await _writer.WriteAsync(WriteRequest.Delete(key, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DeleteRangeAsync(string startKey, string endKey, CancellationToken cancellationToken = default)
    {
        Arguments.Range(startKey, endKey);
        await _writer.WriteAsync(WriteRequest.DeleteRange(startKey, endKey, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<Item> KeepAliveAsync(string key, DateTimeOffset expires, CancellationToken cancellationToken = default)
    {
        Keys.Validate(key, nameof(key));
        WriteResult result = await _writer.WriteAsync(WriteRequest.KeepAlive(key, expires.ToUniversalTime(), cancellationToken), cancellationToken).ConfigureAwait(false);
        return result.Item!;
    }

    public IAsyncEnumerable<BackendEvent> WatchAsync(IReadOnlyList<string> prefixes, CancellationToken cancellationToken = default) =>
        _fanout.WatchAsync(Arguments.Prefixes(prefixes), cancellationToken);

    /// <summary>
    /// Removes every expired item now and sends their Delete events; returns how many. The
    /// background sweep calls this every <see cref="BackendOptions.SweepInterval"/>; tests with a
    /// manual clock call it after moving the clock.
    /// </summary>
    public async ValueTask<int> SweepExpiredAsync(CancellationToken cancellationToken = default)
    {
        int total = 0;
        while (true)
        {
            // In bounded transactions, so heartbeats queued behind a large backlog are not held up by it.
            WriteResult result = await _writer.WriteAsync(WriteRequest.Sweep(cancellationToken), cancellationToken).ConfigureAwait(false);
            total += result.Count;
            if (result.Count < SqliteWriteStatements.SweepLimit)
            {
                return total;
            }
        }
    }

    /// <summary>Commits the writes already queued, ends every watch, and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _sweeper.DisposeAsync().ConfigureAwait(false);

        // Readers close before the writer so the read-write connection is the last one: SQLite then
        // checkpoints the WAL into the database and removes it.
        await _readers.DisposeAsync().ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
        _fanout.Close();
        await _lock.DisposeAsync().ConfigureAwait(false);
    }

    private static SqliteConnection Connect(string path, bool readOnly, TimeSpan busyTimeout)
    {
        var connection = new SqliteConnection(SqliteSchema.ConnectionString(path, readOnly));
        try
        {
            connection.Open();
            SqliteSchema.Configure(connection, busyTimeout);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private async ValueTask<Item> StoreAsync(WriteKind kind, Item item, CancellationToken cancellationToken)
    {
        WriteResult result = await _writer.WriteAsync(WriteRequest.Store(kind, item, cancellationToken), cancellationToken).ConfigureAwait(false);
        return result.Item!;
    }

    private long Now() => _time.GetUtcNow().UtcTicks;
}
