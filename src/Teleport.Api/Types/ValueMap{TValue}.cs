using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Teleport.Api.Types;

/// <summary>
/// An immutable string-keyed map that compares by its entries and enumerates in ordinal key
/// order, the order Go's encoders (and so <c>tctl get</c>) write maps in. Labels, label
/// selectors (<c>node_labels</c>) and traits are maps of this kind. Build one with a collection
/// expression: <c>Labels = [new("env", "prod")]</c>, or with <see cref="ValueMap.From{TValue}"/>.
/// </summary>
[CollectionBuilder(typeof(ValueMap), nameof(ValueMap.Create))]
public sealed class ValueMap<TValue> : IReadOnlyDictionary<string, TValue>, IEquatable<ValueMap<TValue>>
{
    private readonly KeyValuePair<string, TValue>[] _entries;
    private readonly Dictionary<string, TValue> _lookup;

    internal ValueMap(KeyValuePair<string, TValue>[] entries)
    {
        _lookup = new Dictionary<string, TValue>(entries.Length, StringComparer.Ordinal);
        foreach (KeyValuePair<string, TValue> entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry.Key, nameof(entries));
            if (!_lookup.TryAdd(entry.Key, entry.Value))
            {
                throw new ArgumentException($"the key \"{entry.Key}\" appears twice", nameof(entries));
            }
        }

        Array.Sort(entries, static (left, right) => string.CompareOrdinal(left.Key, right.Key));
        _entries = entries;
    }

    public static ValueMap<TValue> Empty { get; } = new([]);

    public int Count => _entries.Length;

    public bool IsEmpty => _entries.Length == 0;

    public IEnumerable<string> Keys => _entries.Select(static entry => entry.Key);

    public IEnumerable<TValue> Values => _entries.Select(static entry => entry.Value);

    public TValue this[string key] => _lookup[key];

    public bool ContainsKey(string key) => _lookup.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value) => _lookup.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, TValue>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ValueMap<TValue>? other)
    {
        if (other is null || other._entries.Length != _entries.Length)
        {
            return false;
        }

        // Entries are sorted by key, so equal maps line up entry by entry.
        for (int i = 0; i < _entries.Length; i++)
        {
            if (!string.Equals(_entries[i].Key, other._entries[i].Key, StringComparison.Ordinal)
                || !EqualityComparer<TValue>.Default.Equals(_entries[i].Value, other._entries[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ValueMap<TValue>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (KeyValuePair<string, TValue> entry in _entries)
        {
            hash.Add(entry.Key, StringComparer.Ordinal);
            hash.Add(entry.Value);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "{" + string.Join(", ", _entries.Select(static entry => $"{entry.Key}: {entry.Value}")) + "}";

    public static bool operator ==(ValueMap<TValue>? left, ValueMap<TValue>? right) => Equals(left, right);

    public static bool operator !=(ValueMap<TValue>? left, ValueMap<TValue>? right) => !Equals(left, right);
}
