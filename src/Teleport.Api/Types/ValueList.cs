namespace Teleport.Api.Types;

/// <summary>Factory methods for <see cref="ValueList{T}"/>; the target of collection expressions.</summary>
public static class ValueList
{
    public static ValueList<T> Create<T>(ReadOnlySpan<T> items) =>
        items.IsEmpty ? ValueList<T>.Empty : new ValueList<T>(items.ToArray());

    public static ValueList<T> From<T>(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items as ValueList<T> ?? Create<T>(items.ToArray());
    }
}
