namespace Teleport.Backend.Tests.Support;

/// <summary>
/// A watch read one event at a time with a deadline per event. Absence of an event is never
/// tested by waiting: tests write a marker key after the writes that must not show and expect the
/// marker next.
/// </summary>
internal sealed class WatchStream : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly IAsyncEnumerator<BackendEvent> _events;
    private Task<bool>? _pending;

    private WatchStream(IBackend backend, IReadOnlyList<string> prefixes)
    {
        _events = backend.WatchAsync(prefixes, _cancel.Token).GetAsyncEnumerator(_cancel.Token);
    }

    public BackendEvent Init { get; private set; } = null!;

    /// <summary>Starts the watch and reads its Init event, so the watcher is registered when this returns.</summary>
    public static async Task<WatchStream> StartAsync(IBackend backend, params string[] prefixes)
    {
        var stream = new WatchStream(backend, prefixes);
        stream.Init = await stream.NextAsync();
        Assert.Equal(BackendEventType.Init, stream.Init.Type);
        return stream;
    }

    public async Task<BackendEvent> NextAsync(TimeSpan? timeout = null)
    {
        _pending ??= _events.MoveNextAsync().AsTask();
        bool moved = await _pending.WaitAsync(timeout ?? Deadline.Default);
        _pending = null;
        Assert.True(moved, "the watch ended");
        return _events.Current;
    }

    public async Task<List<BackendEvent>> NextAsync(int count)
    {
        var events = new List<BackendEvent>(count);
        for (int i = 0; i < count; i++)
        {
            events.Add(await NextAsync());
        }

        return events;
    }

    public async ValueTask DisposeAsync()
    {
        await _cancel.CancelAsync();
        if (_pending is not null)
        {
            try
            {
                await _pending;
            }
            catch (Exception e) when (e is OperationCanceledException or BackendException)
            {
                // The watch ended the way the test expected or was cancelled here.
            }
        }

        await _events.DisposeAsync();
        _cancel.Dispose();
    }
}
