namespace Teleport.Backend;

/// <summary>
/// One key/value pair as stored in a backend. <see cref="Revision"/> is assigned by the backend on
/// every write (the value passed in is ignored) and increases across the whole backend, so two
/// items compare by age. <see cref="Expires"/> is an absolute time after which the item is gone.
/// </summary>
/// <remarks>
/// Equality compares the value's bytes, not the memory it lives in, so an item read back equals
/// the item that was written.
/// </remarks>
public sealed record Item(string Key, ReadOnlyMemory<byte> Value, DateTimeOffset? Expires = null, long Revision = 0)
{
    public bool Equals(Item? other) =>
        other is not null
        && Key == other.Key
        && Expires == other.Expires
        && Revision == other.Revision
        && Value.Span.SequenceEqual(other.Value.Span);

    public override int GetHashCode() => HashCode.Combine(Key, Expires, Revision, Value.Length);

    /// <summary>Whether the item has expired at <paramref name="now"/>: expiry is inclusive of its instant.</summary>
    internal bool IsExpired(DateTimeOffset now) => Expires is { } expires && expires <= now;
}
