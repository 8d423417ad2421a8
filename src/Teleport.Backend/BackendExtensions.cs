namespace Teleport.Backend;

/// <summary>Prefix forms of the range operations, as Teleport's callers use them.</summary>
public static class BackendExtensions
{
    /// <summary>Live items whose key starts with <paramref name="prefix"/>, in key order, at most <paramref name="limit"/> (0: all).</summary>
    public static ValueTask<IReadOnlyList<Item>> GetPrefixAsync(this IBackend backend, string prefix, int limit = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return backend.GetRangeAsync(prefix, Keys.RangeEnd(prefix), limit, cancellationToken);
    }

    /// <summary>Deletes every item whose key starts with <paramref name="prefix"/>.</summary>
    public static ValueTask DeletePrefixAsync(this IBackend backend, string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return backend.DeleteRangeAsync(prefix, Keys.RangeEnd(prefix), cancellationToken);
    }
}
