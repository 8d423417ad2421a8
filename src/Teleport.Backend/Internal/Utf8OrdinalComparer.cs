namespace Teleport.Backend.Internal;

/// <summary>
/// Compares strings in Unicode code point order, which is the order of their UTF-8 bytes (what
/// SQLite's BLOB comparison and PostgreSQL's bytea use) without encoding them.
/// </summary>
/// <remarks>
/// UTF-16 code unit order (<see cref="string.CompareOrdinal(string, string)"/>) agrees with code
/// point order except that surrogates (U+D800-U+DFFF, which encode code points above U+FFFF) sort
/// below U+E000-U+FFFF. Shifting the two blocks at the first difference fixes that, as ICU's
/// <c>u_strCompare(..., codePointOrder=true)</c> does.
/// </remarks>
internal sealed class Utf8OrdinalComparer : IComparer<string>
{
    public static Utf8OrdinalComparer Instance { get; } = new();

    private Utf8OrdinalComparer()
    {
    }

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        int common = x.AsSpan().CommonPrefixLength(y);
        if (common == x.Length || common == y.Length)
        {
            return x.Length.CompareTo(y.Length);
        }

        return Fixup(x[common]) - Fixup(y[common]);
    }

    private static int Fixup(char c) => c switch
    {
        >= '\uE000' => c - 0x800,
        >= '\uD800' => c + 0x2000,
        _ => c,
    };
}
