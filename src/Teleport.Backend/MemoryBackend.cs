using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Teleport.Backend.Internal;

namespace Teleport.Backend;

/// <summary>
/// A backend in a sorted list, for tests of the components above the backend: the same semantics
/// as <see cref="SqliteBackend"/> (the conformance suite runs against both) without a disk. Not
/// for production: everything is lost with the process.
/// </summary>
public sealed class MemoryBackend : IBackend
{
    private readonly Lock _lock = new();
    private readonly SortedList<string, Item> _items = new(Keys.Comparer);
    private readonly TimeProvider _time;
    private readonly EventFanout _fanout;
    private readonly ExpirySweeper _sweeper;
    private long _revision;
    private bool _disposed;
    private int _disposing;

    public MemoryBackend(BackendOptions? options = null)
    {
        options ??= new BackendOptions();
        options.Validate();
        _time = options.TimeProvider;
        ILogger logger = options.LoggerFactory?.CreateLogger("Teleport.Backend.Memory") ?? NullLogger.Instance;
        _fanout = new EventFanout(0, options.WatcherQueueCapacity, logger);
        _sweeper = new ExpirySweeper(options.SweepInterval, _time, SweepExpiredAsync, logger);
    }

    public ValueTask<Item?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        Keys.Validate(key, nameof(key));
        return Locked(() => GetLive(key), cancellationToken);
    }

    public ValueTask<IReadOnlyList<Item>> GetRangeAsync(string startKey, string endKey, int limit, CancellationToken cancellationToken = default)
    {
        Arguments.Range(startKey, endKey);
        Arguments.Limit(limit);
        return Locked<IReadOnlyList<Item>>(
            () =>
            {
                var found = new List<Item>();
                DateTimeOffset now = _time.GetUtcNow();
                IList<string> keys = _items.Keys;
                for (int i = LowerBound(startKey); i < keys.Count && Keys.Comparer.Compare(keys[i], endKey) < 0 && (limit == 0 || found.Count < limit); i++)
                {
                    Item item = _items.GetValueAtIndex(i);
                    if (!item.IsExpired(now))
                    {
                        found.Add(item);
                    }
                }

                return found;
            },
            cancellationToken);
    }

    public ValueTask<Item> PutAsync(Item item, CancellationToken cancellationToken = default)
    {
        item = Arguments.Item(item, nameof(item));
        return Locked(() => Store(item), cancellationToken);
    }

    public ValueTask<Item> CreateAsync(Item item, CancellationToken cancellationToken = default)
    {
        item = Arguments.Item(item, nameof(item));
        return Locked(() => GetLive(item.Key) is null ? Store(item) : throw new AlreadyExistsException(item.Key), cancellationToken);
    }

    public ValueTask<Item> UpdateAsync(Item item, CancellationToken cancellationToken = default)
    {
        item = Arguments.Item(item, nameof(item));
        return Locked(() => GetLive(item.Key) is null ? throw new NotFoundException(item.Key) : Store(item), cancellationToken);
    }

    public ValueTask<Item> CompareAndSwapAsync(Item expected, Item replacement, CancellationToken cancellationToken = default)
    {
        Arguments.CompareAndSwap(expected, replacement);
        replacement = Arguments.Item(replacement, nameof(replacement));
        return Locked(
            () =>
            {
                Item current = GetLive(replacement.Key) ?? throw new CompareFailedException(replacement.Key, "the key is not found");
                return current.Value.Span.SequenceEqual(expected.Value.Span)
                    ? Store(replacement)
                    : throw new CompareFailedException(replacement.Key, "the value has changed");
            },
            cancellationToken);
    }

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        Keys.Validate(key, nameof(key));
        return Discard(Locked(
            () =>
            {
                if (GetLive(key) is null)
                {
                    throw new NotFoundException(key);
                }

                _items.Remove(key);
                _fanout.Publish([Deleted(key)]);
                return 1;
            },
            cancellationToken));
    }

    public ValueTask DeleteRangeAsync(string startKey, string endKey, CancellationToken cancellationToken = default)
    {
        Arguments.Range(startKey, endKey);
        return Discard(Locked(
            () =>
            {
                int first = LowerBound(startKey);
                int last = first;
                while (last < _items.Count && Keys.Comparer.Compare(_items.Keys[last], endKey) < 0)
                {
                    last++;
                }

                // Expired items not yet swept go too, with a Delete: their watchers saw them put.
                var changes = new List<BackendEvent>(last - first);
                for (int i = first; i < last; i++)
                {
                    changes.Add(Deleted(_items.Keys[i]));
                }

                for (int i = last - 1; i >= first; i--)
                {
                    _items.RemoveAt(i);
                }

                _fanout.Publish(changes);
                return changes.Count;
            },
            cancellationToken));
    }

    public ValueTask<Item> KeepAliveAsync(string key, DateTimeOffset expires, CancellationToken cancellationToken = default)
    {
        Keys.Validate(key, nameof(key));
        return Locked(
            () =>
            {
                Item current = GetLive(key) ?? throw new NotFoundException(key);
                return Store(current with { Expires = expires.ToUniversalTime() });
            },
            cancellationToken);
    }

    public IAsyncEnumerable<BackendEvent> WatchAsync(IReadOnlyList<string> prefixes, CancellationToken cancellationToken = default) =>
        _fanout.WatchAsync(Arguments.Prefixes(prefixes), cancellationToken);

    /// <summary>
    /// Removes every expired item now and sends their Delete events; returns how many. The
    /// background sweep calls this every <see cref="BackendOptions.SweepInterval"/>; tests with a
    /// manual clock call it after moving the clock.
    /// </summary>
    public ValueTask<int> SweepExpiredAsync(CancellationToken cancellationToken = default) => Locked(
        () =>
        {
            DateTimeOffset now = _time.GetUtcNow();
            var changes = new List<BackendEvent>();
            for (int i = 0; i < _items.Count; i++)
            {
                if (_items.GetValueAtIndex(i).IsExpired(now))
                {
                    changes.Add(Deleted(_items.Keys[i]));
                }
            }

            foreach (BackendEvent change in changes)
            {
                _items.Remove(change.Item.Key);
            }

            _fanout.Publish(changes);
            return changes.Count;
        },
        cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposing, 1) != 0)
        {
            return;
        }

        // The sweeper first, so a sweep in progress ends normally instead of meeting a disposed backend.
        await _sweeper.DisposeAsync().ConfigureAwait(false);
        lock (_lock)
        {
            _disposed = true;
        }

        _fanout.Close();
    }

    /// <summary>
    /// Runs an operation under the lock and reports its outcome through the returned task, as the
    /// SQLite backend does, so callers see refusals when they await, not when they call.
    /// </summary>
    private ValueTask<T> Locked<T>(Func<T> operation, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<T>(cancellationToken);
        }

        try
        {
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return ValueTask.FromResult(operation());
            }
        }
        catch (Exception e)
        {
            return ValueTask.FromException<T>(e);
        }
    }

    private static ValueTask Discard<T>(ValueTask<T> operation) =>
        operation.IsCompletedSuccessfully ? ValueTask.CompletedTask : new ValueTask(operation.AsTask());

    private Item? GetLive(string key) =>
        _items.TryGetValue(key, out Item? item) && !item.IsExpired(_time.GetUtcNow()) ? item : null;

    /// <summary>Stores a private copy under the next revision and tells the watchers. Caller holds the lock.</summary>
    private Item Store(Item item)
    {
        var stored = item with { Value = item.Value.ToArray(), Revision = ++_revision };
        _items[stored.Key] = stored;
        _fanout.Publish([new BackendEvent(BackendEventType.Put, stored)]);
        return stored;
    }

    private BackendEvent Deleted(string key) =>
        new(BackendEventType.Delete, new Item(key, ReadOnlyMemory<byte>.Empty, Revision: ++_revision));

    /// <summary>Index of the first key not less than <paramref name="key"/>.</summary>
    private int LowerBound(string key)
    {
        IList<string> keys = _items.Keys;
        int low = 0;
        int high = keys.Count;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            if (Keys.Comparer.Compare(keys[middle], key) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
