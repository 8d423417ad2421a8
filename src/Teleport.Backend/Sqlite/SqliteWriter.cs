using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Teleport.Backend.Internal;

namespace Teleport.Backend.Sqlite;

/// <summary>
/// The only writer of the database. Callers queue requests; one loop takes whatever is queued (up
/// to a batch), applies it in one transaction and commits with one fsync, then publishes the
/// events and only then completes each caller. Under load many heartbeats share a commit; alone,
/// a write waits for its own commit only.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    private readonly Channel<WriteRequest> _queue;
    private readonly SqliteConnection _connection;
    private readonly SqliteWriteStatements _statements;
    private readonly EventFanout _fanout;
    private readonly TimeProvider _time;
    private readonly int _maxBatchSize;
    private readonly ILogger _logger;
    private readonly Task _loop;
    private long _revision;

    public SqliteWriter(SqliteConnection connection, long revision, EventFanout fanout, SqliteBackendOptions options, ILogger logger)
    {
        _connection = connection;
        _revision = revision;
        _fanout = fanout;
        _time = options.TimeProvider;
        _maxBatchSize = options.MaxBatchSize;
        _logger = logger;
        _statements = new SqliteWriteStatements(connection);
        _queue = Channel.CreateBounded<WriteRequest>(new BoundedChannelOptions(options.WriteQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(RunAsync, CancellationToken.None);
    }

    /// <summary>Queues the request and waits for its commit.</summary>
    public async ValueTask<WriteResult> WriteAsync(WriteRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException e)
        {
            throw new ObjectDisposedException($"{nameof(SqliteBackend)} is disposed", e);
        }

        return await request.Completion.ConfigureAwait(false);
    }

    /// <summary>Stops taking requests, lets the queued ones commit, and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_queue.Writer.TryComplete())
        {
            await _loop.ConfigureAwait(false);
            _statements.Dispose();
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<WriteRequest>(_maxBatchSize);
        var changes = new List<BackendEvent>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            changes.Clear();
            while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out WriteRequest? request))
            {
                if (request.CancellationToken.IsCancellationRequested)
                {
                    request.Cancel();
                }
                else
                {
                    batch.Add(request);
                }
            }

            if (batch.Count > 0)
            {
                CommitBatch(batch, changes);
            }
        }
    }

    private void CommitBatch(List<WriteRequest> batch, List<BackendEvent> changes)
    {
        if (TryCommit(batch, changes) is not { } failure)
        {
            Acknowledge(batch, changes);
            return;
        }

        BackendLog.SqliteBatchFailed(_logger, batch.Count, failure);
        if (batch.Count == 1)
        {
            Fail(batch[0], failure);
            return;
        }

        // Nothing of the batch was applied. Retry each request in a transaction of its own, so one
        // bad request (a value over SQLite's size limit, say) does not fail the others with it.
        var single = new List<WriteRequest>(1);
        foreach (WriteRequest request in batch)
        {
            single.Clear();
            single.Add(request);
            changes.Clear();
            if (TryCommit(single, changes) is { } alone)
            {
                Fail(request, alone);
            }
            else
            {
                Acknowledge(single, changes);
            }
        }
    }

    /// <summary>Applies the requests in one transaction; returns why it did not commit, having rolled back, or null.</summary>
    private Exception? TryCommit(List<WriteRequest> batch, List<BackendEvent> changes)
    {
        long revision = _revision;
        try
        {
            _statements.Begin();
            long now = _time.GetUtcNow().UtcTicks;
            foreach (WriteRequest request in batch)
            {
                Apply(request, now, ref revision, changes);
            }

            if (revision != _revision)
            {
                _statements.SaveRevision(revision);
            }

            _statements.Commit();
            _revision = revision;
            return null;
        }
        catch (Exception e)
        {
            // The counter stays where the database has it; the events of the batch are dropped.
            TryRollback();
            changes.Clear();
            return e;
        }
    }

    private void Acknowledge(List<WriteRequest> batch, List<BackendEvent> changes)
    {
        // Events before acknowledgements: once a write returns, every watcher has it queued.
        _fanout.Publish(changes);
        foreach (WriteRequest request in batch)
        {
            request.Deliver();
        }
    }

    private static void Fail(WriteRequest request, Exception failure) =>
        request.Fail(new BackendException($"write of {request.Key} failed: {failure.Message}", request.Key, failure));

    private void Apply(WriteRequest request, long now, ref long revision, List<BackendEvent> changes)
    {
        long next = revision + 1;
        switch (request.Kind)
        {
            case WriteKind.Put:
                _statements.Put(request, next);
                Stored(request, request.Value, next, changes);
                break;
            case WriteKind.Create:
                if (!_statements.Create(request, next, now))
                {
                    request.Refuse(new AlreadyExistsException(request.Key));
                    return;
                }

                Stored(request, request.Value, next, changes);
                break;
            case WriteKind.Update:
                if (!_statements.Update(request, next, now))
                {
                    request.Refuse(new NotFoundException(request.Key));
                    return;
                }

                Stored(request, request.Value, next, changes);
                break;
            case WriteKind.CompareAndSwap:
                if (!_statements.CompareAndSwap(request, next, now))
                {
                    string reason = _statements.Exists(request.Key, now) ? "the value has changed" : "the key is not found";
                    request.Refuse(new CompareFailedException(request.Key, reason));
                    return;
                }

                Stored(request, request.Value, next, changes);
                break;
            case WriteKind.KeepAlive:
                if (_statements.KeepAlive(request.Key, request.Expires!.Value, next, now) is not { } value)
                {
                    request.Refuse(new NotFoundException(request.Key));
                    return;
                }

                Stored(request, value, next, changes);
                break;
            case WriteKind.Delete:
                if (!_statements.Delete(request.Key, now))
                {
                    request.Refuse(new NotFoundException(request.Key));
                    return;
                }

                changes.Add(Deleted(request.Key, next));
                request.Decide(new WriteResult(null, 1));
                break;
            case WriteKind.DeleteRange or WriteKind.Sweep:
                List<string> keys = request.Kind == WriteKind.Sweep ? _statements.Sweep(now) : _statements.DeleteRange(request.Key, request.EndKey);
                foreach (string key in keys)
                {
                    changes.Add(Deleted(key, revision + 1));
                    revision++;
                }

                request.Decide(new WriteResult(null, keys.Count));
                return;
            default:
                throw new InvalidOperationException($"unknown write {request.Kind}");
        }

        revision = next;
    }

    private static void Stored(WriteRequest request, byte[] value, long revision, List<BackendEvent> changes)
    {
        var item = new Item(request.Key, value, request.Expires, revision);
        changes.Add(new BackendEvent(BackendEventType.Put, item));
        request.Decide(new WriteResult(item, 1));
    }

    private static BackendEvent Deleted(string key, long revision) =>
        new(BackendEventType.Delete, new Item(key, ReadOnlyMemory<byte>.Empty, Revision: revision));

    private void TryRollback()
    {
        try
        {
            _statements.Rollback(_connection);
        }
        catch (SqliteException e)
        {
            // The connection is unusable if even ROLLBACK fails; the next BEGIN will report it to its callers.
            BackendLog.SqliteRollbackFailed(_logger, e);
        }
    }
}
