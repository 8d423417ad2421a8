namespace Teleport.Api.Types;

/// <summary>Factory methods for <see cref="ValueMap{TValue}"/>; the target of collection expressions.</summary>
public static class ValueMap
{
    /// <summary>Builds a map; a key given twice is an <see cref="ArgumentException"/>.</summary>
    public static ValueMap<TValue> Create<TValue>(ReadOnlySpan<KeyValuePair<string, TValue>> entries) =>
        entries.IsEmpty ? ValueMap<TValue>.Empty : new ValueMap<TValue>(entries.ToArray());

    public static ValueMap<TValue> From<TValue>(IEnumerable<KeyValuePair<string, TValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries as ValueMap<TValue> ?? Create<TValue>(entries.ToArray());
    }

    /// <summary>Traits or label selectors from plain collections: <c>ValueMap.Of(("logins", ["root"]))</c>.</summary>
    public static ValueMap<ValueList<string>> Of(params ReadOnlySpan<(string Key, string[] Values)> entries)
    {
        var built = new KeyValuePair<string, ValueList<string>>[entries.Length];
        for (int i = 0; i < entries.Length; i++)
        {
            built[i] = new(entries[i].Key, ValueList.Create<string>(entries[i].Values));
        }

        return Create<ValueList<string>>(built);
    }
}
