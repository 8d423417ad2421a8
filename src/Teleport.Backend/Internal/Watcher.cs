using System.Threading.Channels;

namespace Teleport.Backend.Internal;

/// <summary>
/// One subscriber's bounded queue. The publisher never waits on it: when the queue is full the
/// watcher is failed, so a stalled consumer costs at most its capacity in memory and nothing in
/// write latency.
/// </summary>
internal sealed class Watcher
{
    private readonly Channel<BackendEvent> _queue;
    private readonly string[] _prefixes;
    private volatile WatcherClosedException? _failure;

    public Watcher(IReadOnlyList<string> prefixes, int capacity)
    {
        _prefixes = [.. prefixes];
        _queue = Channel.CreateBounded<BackendEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            // Publishing and failing happen under the fan-out's lock.
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public string Description => _prefixes.Length == 0 ? "all keys" : string.Join(", ", _prefixes);

    public bool Matches(string key)
    {
        if (_prefixes.Length == 0)
        {
            return true;
        }

        foreach (string prefix in _prefixes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Queues an event; false when the queue is full (the caller then fails the watcher).</summary>
    public bool TryEnqueue(BackendEvent change) => _queue.Writer.TryWrite(change);

    /// <summary>Ends the stream: the consumer's next read throws <paramref name="failure"/>, skipping queued events, which are stale now.</summary>
    public void Fail(WatcherClosedException failure)
    {
        _failure ??= failure;
        _queue.Writer.TryComplete();
    }

    /// <summary>Ends the stream normally (the consumer cancelled).</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Reads the next event, or null when the stream ended normally.</summary>
    public async ValueTask<BackendEvent?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_failure is { } failure)
            {
                throw failure;
            }

            if (_queue.Reader.TryRead(out BackendEvent? change))
            {
                return change;
            }

            if (!await _queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return _failure is { } closed ? throw closed : null;
            }
        }
    }
}
