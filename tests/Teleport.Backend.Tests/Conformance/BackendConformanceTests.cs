using System.Text;

namespace Teleport.Backend.Tests.Conformance;

/// <summary>
/// The contract of <see cref="IBackend"/>, run against every implementation (Teleport's
/// <c>lib/backend/test</c> suite plays the same role). A derived class only says how to open its
/// backend and how to make it sweep now. Split by concern: ranges, writes, expiry, watches,
/// concurrency.
/// </summary>
public abstract partial class BackendConformanceTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<IBackend> _opened = [];

    /// <summary>The clock of <see cref="Backend"/>; its background sweep is off, tests call <see cref="SweepAsync"/>.</summary>
    protected ManualTimeProvider Clock { get; } = new(Start);

    protected IBackend Backend { get; private set; } = null!;

    public async Task InitializeAsync() => Backend = await OpenAsync(new BackendSettings(Clock, Timeout.InfiniteTimeSpan));

    public async Task DisposeAsync()
    {
        foreach (IBackend backend in _opened)
        {
            await backend.DisposeAsync();
        }

        DisposeResources();
    }

    /// <summary>Opens a new, empty backend of the implementation under test.</summary>
    protected abstract ValueTask<IBackend> OpenBackendAsync(BackendSettings settings);

    /// <summary>Removes expired items now, as the background sweep would.</summary>
    protected abstract ValueTask<int> SweepAsync(IBackend backend);

    /// <summary>Releases what the implementation's tests hold besides the backends (temporary directories).</summary>
    protected virtual void DisposeResources()
    {
    }

    /// <summary>Opens another backend, disposed with the test.</summary>
    protected async Task<IBackend> OpenAsync(BackendSettings settings)
    {
        IBackend backend = await OpenBackendAsync(settings);
        _opened.Add(backend);
        return backend;
    }

    protected static Item NewItem(string key, string value, DateTimeOffset? expires = null) => new(key, Encoding.UTF8.GetBytes(value), expires);

    protected static string Text(Item? item) => item is null ? "<missing>" : Encoding.UTF8.GetString(item.Value.Span);

    protected async Task<string[]> KeysInRangeAsync(string start, string end, int limit = 0) =>
        [.. (await Backend.GetRangeAsync(start, end, limit)).Select(item => item.Key)];

    protected async Task<string[]> KeysUnderAsync(string prefix) =>
        [.. (await Backend.GetPrefixAsync(prefix)).Select(item => item.Key)];
}
