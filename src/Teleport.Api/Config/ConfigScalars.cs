using Teleport.Api.Serialization.Documents;
using Teleport.Api.Types;

namespace Teleport.Api.Config;

/// <summary>
/// Reading the value kinds of <c>teleport.yaml</c> that resources do not have: Teleport's
/// <c>enabled</c> words, addresses with a default port, and one-or-a-list fields. As in Go, an
/// empty text means the field is not set.
/// </summary>
internal static class ConfigScalars
{
    /// <summary>
    /// Teleport's <c>apiutils.ParseBool</c>, in any case: yes, yeah, y, true, 1, on / no, nope,
    /// n, false, 0, off. Teleport quietly treats anything else as "no"; here it is an error.
    /// </summary>
    public static bool Enabled(DocNode node, string path, DocNode? at = null)
    {
        string text = Scalars.Text(node, path, at);
        return text.ToUpperInvariant() switch
        {
            "YES" or "YEAH" or "Y" or "TRUE" or "1" or "ON" => true,
            "NO" or "NOPE" or "N" or "FALSE" or "0" or "OFF" => false,
            _ => throw ReadContext.Error(path, at ?? node, $"\"{text}\" is not yes or no (write yes, no, true or false)"),
        };
    }

    /// <summary>The field's text, or null when it is absent, null or empty.</summary>
    public static string? OptionalText(MappingReader fields, string key)
    {
        string? text = fields.String(key);
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>A section's <c>enabled</c>; null when absent or empty, which Teleport takes as "not configured".</summary>
    public static bool? OptionalEnabled(MappingReader fields, string key) =>
        fields.Take(key, out ScalarNode? at) is { } node && node is not ScalarNode { Value.Length: 0 }
            ? Enabled(node, fields.PathOf(key), at)
            : null;

    /// <summary>An address; one without a port takes <paramref name="defaultPort"/> (or is refused when null).</summary>
    public static NetAddr? Address(MappingReader fields, string key, int? defaultPort)
    {
        if (fields.Take(key, out ScalarNode? at) is not { } node)
        {
            return null;
        }

        string path = fields.PathOf(key);
        string text = Scalars.Text(node, path, at);
        return text.Length == 0 ? null : Address(text, path, at ?? node, defaultPort);
    }

    public static NetAddr Address(string text, string path, DocNode at, int? defaultPort) =>
        NetAddr.TryParse(text, defaultPort, out NetAddr? addr, out string? problem)
            ? addr
            : throw ReadContext.Error(path, at, problem);

    /// <summary>Teleport's <c>apiutils.Strings</c> of addresses: one text or a list of texts.</summary>
    public static ValueList<NetAddr> Addresses(MappingReader fields, string key, int defaultPort)
    {
        var addrs = new List<NetAddr>();
        foreach ((string text, string path, DocNode at) in TextOrList(fields, key))
        {
            addrs.Add(Address(text, path, at, defaultPort));
        }

        return ValueList.From(addrs);
    }

    /// <summary>
    /// The texts of a one-or-a-list field (Teleport's <c>apiutils.Strings</c>), each with its path
    /// and node for messages; empty texts are dropped (<c>ca_pin: ""</c> means no pins).
    /// </summary>
    public static List<(string Text, string Path, DocNode At)> TextOrList(MappingReader fields, string key)
    {
        var texts = new List<(string, string, DocNode)>();
        if (fields.Take(key, out ScalarNode? at) is not { } node)
        {
            return texts;
        }

        string path = fields.PathOf(key);
        if (node is ScalarNode scalar)
        {
            if (scalar.Value.Length > 0)
            {
                texts.Add((scalar.Value, path, at ?? node));
            }

            return texts;
        }

        if (node is not SequenceNode sequence)
        {
            throw ReadContext.Error(path, at ?? node, $"expected text or a list of texts, found {node.Describe()}");
        }

        for (int i = 0; i < sequence.Items.Count; i++)
        {
            string itemPath = $"{path}[{i}]";
            DocNode item = sequence.Items[i];
            fields.Context.Record(itemPath, item.Position);
            string text = Scalars.Text(item, itemPath);
            if (text.Length > 0)
            {
                texts.Add((text, itemPath, item));
            }
        }

        return texts;
    }

    /// <summary>Teleport's label key pattern (<c>^[a-zA-Z/.0-9_:*-]+$</c>).</summary>
    public static bool IsLabelKey(string key)
    {
        if (key.Length == 0)
        {
            return false;
        }

        foreach (char c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '/' and not '.' and not '_' and not ':' and not '*' and not '-')
            {
                return false;
            }
        }

        return true;
    }
}
