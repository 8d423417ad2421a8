namespace Teleport.Ssh.Keys;

/// <summary>
/// Host pattern matching as OpenSSH's match.c does it for known_hosts: <c>*</c> matches any run
/// of characters, <c>?</c> exactly one, everything else itself, case-insensitively; in a list, a
/// pattern starting with <c>!</c> that matches vetoes the whole list.
/// </summary>
internal static class HostPatterns
{
    /// <summary>match_pattern_list: 1 when a positive pattern matches and no negated one does, -1 when a negated one matches, else 0.</summary>
    public static int MatchList(string name, IReadOnlyList<string> patterns)
    {
        bool positive = false;
        foreach (string pattern in patterns)
        {
            bool negated = pattern.StartsWith('!');
            if (Match(name, negated ? pattern.AsSpan(1) : pattern))
            {
                if (negated)
                {
                    return -1;
                }

                positive = true;
            }
        }

        return positive ? 1 : 0;
    }

    /// <summary>
    /// match_pattern, without its recursion: on a mismatch, only the most recent <c>*</c> needs to
    /// absorb one more character, so the time is at most the product of the two lengths.
    /// </summary>
    public static bool Match(ReadOnlySpan<char> name, ReadOnlySpan<char> pattern)
    {
        int n = 0;
        int p = 0;
        int star = -1;
        int resume = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = n;
            }
            else if (p < pattern.Length && (pattern[p] == '?' || char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(name[n])))
            {
                p++;
                n++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                n = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
