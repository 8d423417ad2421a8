namespace Tsh;

/// <summary>
/// <c>tsh ssh host ls -la</c>: everything from the target on belongs to the remote command, as with
/// ssh(1). The parser would read <c>-la</c> as tsh's own option, so a <c>--</c> goes in before the
/// first word that is not an option or an option's value.
/// </summary>
internal static class ArgumentSeparator
{
    public static string[] Insert(string[] args, int commandWords, IReadOnlySet<string> optionsWithValue)
    {
        for (int i = commandWords; i < args.Length; i++)
        {
            string word = args[i];
            if (word == "--")
            {
                return args;
            }

            if (word.StartsWith('-') && word.Length > 1)
            {
                if (optionsWithValue.Contains(word))
                {
                    i++;
                }

                continue;
            }

            return [.. args[..i], "--", .. args[i..]];
        }

        return args;
    }
}
