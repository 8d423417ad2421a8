using System.Text;
using Teleport.Api.Types;

namespace Teleport.Api.Config;

/// <summary>
/// The <c>--labels</c> flag (Teleport's client.ParseLabelSpec and isCmdLabelSpec):
/// <c>env=prod,"long name"="a, b"</c>, pairs split by <c>,</c> or <c>;</c> outside double quotes;
/// a value <c>[1h:uname -r]</c> is a command label run every hour.
/// </summary>
internal static class LabelSpec
{
    public static (ValueMap<string> Labels, ValueList<CommandLabelConfig> Commands) Parse(string spec, string flag)
    {
        var labels = new List<KeyValuePair<string, string>>();
        var commands = new List<CommandLabelConfig>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string pair in Split(spec, static c => c is ',' or ';'))
        {
            if (pair.Trim().Length == 0)
            {
                continue;
            }

            int equals = IndexOutsideQuotes(pair, '=');
            if (equals < 0)
            {
                throw new ResourceValidationException(flag, $"\"{pair}\" is not a label: write key=value, like env=prod");
            }

            string key = Unquote(pair[..equals]);
            string value = Unquote(pair[(equals + 1)..]);
            if (!ConfigScalars.IsLabelKey(key))
            {
                throw new ResourceValidationException(flag, $"\"{key}\" is not a label name: use letters, digits and / . _ : * -");
            }

            if (!names.Add(key))
            {
                throw new ResourceValidationException(flag, $"the label {key} is given twice");
            }

            if (TryCommand(key, value, flag) is { } command)
            {
                commands.Add(command);
            }
            else
            {
                labels.Add(new(key, value));
            }
        }

        return (ValueMap.From(labels), ValueList.From(commands));
    }

    /// <summary><c>[period:command args]</c>: Teleport takes a value of more than five characters in brackets as a command.</summary>
    private static CommandLabelConfig? TryCommand(string key, string value, string flag)
    {
        if (value.Length <= 5 || value[0] != '[' || value[^1] != ']')
        {
            return null;
        }

        string inner = value[1..^1];
        int colon = inner.IndexOf(':', StringComparison.Ordinal);
        string problem = $"\"{value}\" is not a command label: write [period:command args], like [1h:uname -r]";
        if (colon < 0 || !Duration.TryParse(inner[..colon], out Duration period) || period <= Duration.Zero)
        {
            throw new ResourceValidationException(flag, problem);
        }

        var command = new List<string>();
        foreach (string word in Split(inner[(colon + 1)..], char.IsWhiteSpace))
        {
            string unquoted = Unquote(word);
            if (unquoted.Length > 0)
            {
                command.Add(unquoted);
            }
        }

        return command.Count == 0
            ? throw new ResourceValidationException(flag, problem)
            : new CommandLabelConfig { Name = key, Command = ValueList.From(command), Period = period };
    }

    /// <summary>Splits at separators outside double quotes, keeping the quotes.</summary>
    private static List<string> Split(string text, Func<char, bool> isSeparator)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        bool quoted = false;
        foreach (char c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }

            if (!quoted && isSeparator(c))
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        parts.Add(current.ToString());
        return parts;
    }

    private static int IndexOutsideQuotes(string text, char wanted)
    {
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && text[i] == wanted)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Unquote(string text) => text.Trim().Trim('"').Trim();
}
