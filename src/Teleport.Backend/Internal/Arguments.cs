namespace Teleport.Backend.Internal;

/// <summary>Argument checks every backend makes the same way, so the conformance suite sees the same exceptions.</summary>
internal static class Arguments
{
    /// <summary>Checks the item and returns it with its expiry in UTC.</summary>
    public static Item Item(Item item, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(item, parameterName);
        Keys.Validate(item.Key, parameterName);
        // Stored and returned in UTC, so what a backend hands back does not depend on the writer's zone.
        return item.Expires is { } expires && expires.Offset != TimeSpan.Zero ? item with { Expires = expires.ToUniversalTime() } : item;
    }

    public static void Range(string startKey, string endKey)
    {
        Keys.ValidateBound(startKey, nameof(startKey));
        Keys.ValidateBound(endKey, nameof(endKey));
    }

    public static void Limit(int limit) => ArgumentOutOfRangeException.ThrowIfNegative(limit);

    public static void CompareAndSwap(Item expected, Item replacement)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(replacement);
        if (expected.Key != replacement.Key)
        {
            throw new ArgumentException($"compare-and-swap needs one key, not {expected.Key} and {replacement.Key}", nameof(replacement));
        }
    }

    public static IReadOnlyList<string> Prefixes(IReadOnlyList<string> prefixes)
    {
        ArgumentNullException.ThrowIfNull(prefixes);
        foreach (string prefix in prefixes)
        {
            Keys.Validate(prefix, nameof(prefixes));
        }

        return prefixes;
    }
}
