using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace Teleport.Backend.Internal;

/// <summary>
/// Delivers committed changes to watchers. It knows nothing of storage: SQLite and the memory
/// backend feed it from their write paths; a PostgreSQL backend would feed it from its
/// LISTEN/NOTIFY loop. Publishing and subscribing share one lock, which is what makes an Init
/// event's revision exact: a watcher gets every event published after it registered.
/// </summary>
internal sealed class EventFanout
{
    private readonly Lock _lock = new();
    private readonly List<Watcher> _watchers = [];
    private readonly int _capacity;
    private readonly ILogger _logger;
    private long _revision;
    private bool _closed;

    public EventFanout(long revision, int capacity, ILogger logger)
    {
        _revision = revision;
        _capacity = capacity;
        _logger = logger;
    }

    public int WatcherCount
    {
        get
        {
            lock (_lock)
            {
                return _watchers.Count;
            }
        }
    }

    /// <summary>Publishes events of one commit, in revision order; never blocks on a watcher.</summary>
    public void Publish(IReadOnlyList<BackendEvent> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            for (int w = _watchers.Count - 1; w >= 0; w--)
            {
                Watcher watcher = _watchers[w];
                foreach (BackendEvent change in changes)
                {
                    if (watcher.Matches(change.Item.Key) && !watcher.TryEnqueue(change))
                    {
                        BackendLog.WatcherOverflow(_logger, watcher.Description, _capacity);
                        watcher.Fail(new WatcherClosedException(watcher.Description, $"it fell more than {_capacity} events behind; watch again and re-read"));
                        _watchers.RemoveAt(w);
                        break;
                    }
                }
            }

            _revision = changes[^1].Item.Revision;
        }
    }

    /// <summary>Fails every watcher and refuses new ones: the backend is closing.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            foreach (Watcher watcher in _watchers)
            {
                watcher.Fail(new WatcherClosedException(watcher.Description, "the backend was closed"));
            }

            _watchers.Clear();
        }
    }

    /// <summary>Registers on the first MoveNextAsync, yields Init, then the watcher's events until it fails or is cancelled.</summary>
    public async IAsyncEnumerable<BackendEvent> WatchAsync(IReadOnlyList<string> prefixes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var watcher = new Watcher(prefixes, _capacity);
        long revision;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            _watchers.Add(watcher);
            revision = _revision;
        }

        try
        {
            yield return new BackendEvent(BackendEventType.Init, new Item(string.Empty, ReadOnlyMemory<byte>.Empty, Revision: revision));
            while (await watcher.ReadAsync(cancellationToken).ConfigureAwait(false) is { } change)
            {
                yield return change;
            }
        }
        finally
        {
            lock (_lock)
            {
                _watchers.Remove(watcher);
            }

            watcher.Complete();
        }
    }
}
