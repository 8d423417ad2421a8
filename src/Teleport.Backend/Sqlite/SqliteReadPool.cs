using System.Threading.Channels;

namespace Teleport.Backend.Sqlite;

/// <summary>
/// A fixed set of read connections handed out one caller at a time (a SQLite connection is not
/// thread-safe). In WAL mode they read the last committed state without waiting for the writer.
/// </summary>
internal sealed class SqliteReadPool : IAsyncDisposable
{
    private readonly Channel<SqliteReader> _idle = Channel.CreateUnbounded<SqliteReader>();
    private readonly int _count;
    private int _disposed;

    public SqliteReadPool(IReadOnlyCollection<SqliteReader> readers)
    {
        _count = readers.Count;
        foreach (SqliteReader reader in readers)
        {
            _idle.Writer.TryWrite(reader);
        }
    }

    public async ValueTask<T> ReadAsync<TState, T>(TState state, Func<SqliteReader, TState, T> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        SqliteReader reader;
        try
        {
            reader = await _idle.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException e)
        {
            throw new ObjectDisposedException($"{nameof(SqliteBackend)} is disposed", e);
        }

        try
        {
            return read(reader, state);
        }
        finally
        {
            _idle.Writer.TryWrite(reader);
        }
    }

    /// <summary>Waits for reads in progress to hand their connection back, then closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        for (int i = 0; i < _count; i++)
        {
            (await _idle.Reader.ReadAsync().ConfigureAwait(false)).Dispose();
        }

        // A caller that passed the disposed check just before it was set fails here instead of waiting forever.
        _idle.Writer.TryComplete();
    }
}
