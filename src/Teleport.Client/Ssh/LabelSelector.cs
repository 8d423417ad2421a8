namespace Teleport.Client.Ssh;

/// <summary>Label filters as users type them: <c>env=prod,role=db</c> or several <c>k=v</c> words.</summary>
public static class LabelSelector
{
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in words.SelectMany(w => w.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ClientException($"invalid label \"{pair}\": use key=value");
            }

            labels[pair[..equals]] = pair[(equals + 1)..];
        }

        return labels;
    }

    public static bool Looks(string text) => text.Contains('=', StringComparison.Ordinal);
}
