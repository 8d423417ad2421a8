namespace Teleport.Backend;

/// <summary>
/// An ordered key/value store with range reads, compare-and-swap, expiry and a watch stream: the
/// one contract every storage implementation fulfils (Teleport's <c>lib/backend.Backend</c>).
/// </summary>
/// <remarks>
/// <para>
/// Keys start with <c>/</c> and separate their parts with <c>/</c> (<c>/users/alice/params</c>,
/// see <see cref="Keys"/>). They are ordered by their UTF-8 bytes, which is Unicode code point
/// order; <see cref="Keys.Comparer"/> orders .NET strings the same way. Keys must be well-formed
/// UTF-16 (no lone surrogates) so they survive the trip to UTF-8 and back.
/// </para>
/// <para>
/// Every write gets a new <see cref="Item.Revision"/>, strictly greater than every earlier one in
/// the backend; deletions and expiries consume a revision too. An item whose
/// <see cref="Item.Expires"/> has passed is invisible to reads at once and is removed by a sweep,
/// which is when watchers see its Delete. A write that returns has been committed (for SQLite:
/// flushed to disk). A write cancelled before it started is not applied and throws
/// <see cref="OperationCanceledException"/>; once started it completes with its true outcome.
/// </para>
/// </remarks>
public interface IBackend : IAsyncDisposable
{
    /// <summary>The item under <paramref name="key"/>, or null when it is missing or expired.</summary>
    ValueTask<Item?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Live items with <paramref name="startKey"/> &lt;= key &lt; <paramref name="endKey"/>, in key
    /// order, at most <paramref name="limit"/> of them (0: no limit). For every key under a prefix
    /// use <see cref="BackendExtensions.GetPrefixAsync"/>.
    /// </summary>
    ValueTask<IReadOnlyList<Item>> GetRangeAsync(string startKey, string endKey, int limit, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the item; returns it as stored, with its revision.</summary>
    ValueTask<Item> PutAsync(Item item, CancellationToken cancellationToken = default);

    /// <summary>Creates the item; <see cref="AlreadyExistsException"/> when the key is present and not expired.</summary>
    ValueTask<Item> CreateAsync(Item item, CancellationToken cancellationToken = default);

    /// <summary>Replaces value and expiry of an existing item; <see cref="NotFoundException"/> when it is missing or expired.</summary>
    ValueTask<Item> UpdateAsync(Item item, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the item only when its current value equals <paramref name="expected"/>'s value byte
    /// for byte (expiry and revision are not compared); <see cref="CompareFailedException"/>
    /// otherwise, including when the key is missing or expired. Both items must have the same key.
    /// </summary>
    ValueTask<Item> CompareAndSwapAsync(Item expected, Item replacement, CancellationToken cancellationToken = default);

    /// <summary>Deletes the item; <see cref="NotFoundException"/> when it is missing or expired.</summary>
    ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes every item with <paramref name="startKey"/> &lt;= key &lt; <paramref name="endKey"/>; absent keys are no error.</summary>
    ValueTask DeleteRangeAsync(string startKey, string endKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the expiry of a live item to <paramref name="expires"/> without touching its value (a
    /// lease renewal: node heartbeats). Watchers see a Put. <see cref="NotFoundException"/> when it
    /// is missing or already expired.
    /// </summary>
    ValueTask<Item> KeepAliveAsync(string key, DateTimeOffset expires, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams changes to keys under any of <paramref name="prefixes"/> (every key when empty):
    /// first an <see cref="BackendEventType.Init"/> event, then Put and Delete events in revision
    /// order. A watcher that falls more than its queue's capacity behind is ended with
    /// <see cref="WatcherClosedException"/> rather than slowing writers; so is every watcher when the
    /// backend is disposed. Registration happens when enumeration starts.
    /// </summary>
    IAsyncEnumerable<BackendEvent> WatchAsync(IReadOnlyList<string> prefixes, CancellationToken cancellationToken = default);
}
