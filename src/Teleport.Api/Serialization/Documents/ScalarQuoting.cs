namespace Teleport.Api.Serialization.Documents;

/// <summary>Which text a YAML 1.1 reader would not read back as text if written plain.</summary>
internal static class ScalarQuoting
{
    private static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n",
        ".inf", "-.inf", "+.inf", ".nan", "<<", "=",
    };

    public static bool LooksLikeNonText(string value)
    {
        if (value.Length == 0 || Words.Contains(value))
        {
            return true;
        }

        // Numbers (decimal, hex, octal, binary, floats, sexagesimal 1:30) and timestamps all
        // start with a digit, a sign or a point and use few other characters.
        char first = value[0];
        if (!char.IsAsciiDigit(first) && first is not '+' and not '-' and not '.')
        {
            return false;
        }

        foreach (char c in value)
        {
            if (!char.IsAsciiHexDigit(c) && c is not ('x' or 'X' or 'o' or 'O' or '_' or '.' or ':' or '+' or '-' or 't' or 'T' or 'z' or 'Z' or ' '))
            {
                return false;
            }
        }

        return true;
    }
}
