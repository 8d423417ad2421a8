using Teleport.Api.Types;

namespace Teleport.Api.Serialization.Documents;

/// <summary>
/// Reads the fields of one mapping by name, each into its type, and refuses what is left: a
/// field nobody asked for is unknown, and Teleport's <c>tctl create</c> refuses unknown fields
/// too. A field that is absent or null reads as the type's empty value. Every field read is
/// recorded with its position, for messages that come later from validation.
/// </summary>
internal sealed class MappingReader
{
    private readonly ReadContext _context;
    private readonly string _path;
    private readonly List<KeyValuePair<ScalarNode, DocNode>> _entries;
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    public MappingReader(ReadContext context, DocNode node, string path, DocNode? at = null)
    {
        _context = context;
        _path = path;
        _entries = node switch
        {
            MappingNode mapping => mapping.Entries,
            ScalarNode { IsNull: true } => [],
            _ => throw ReadContext.Error(path, at ?? node, $"expected a mapping of fields, found {node.Describe()}"),
        };

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach ((ScalarNode key, _) in _entries)
        {
            if (!seen.Add(key.Value))
            {
                throw ReadContext.Error(PathOf(key.Value), key, $"the field {key.Value} appears twice");
            }
        }

        context.Record(path, node.Position);
    }

    public ReadContext Context => _context;

    public string PathOf(string key) => _path.Length == 0 ? key : _path + "." + key;

    /// <summary>The field's value, or null when it is absent or null; marks it as read.</summary>
    public DocNode? Take(string key) => Take(key, out _);

    /// <summary>
    /// The field's value and its key; a problem with a scalar value is reported at the key, where
    /// the field starts (<c>line 12, column 5: spec.options.max_session_ttl: ...</c>).
    /// </summary>
    public DocNode? Take(string key, out ScalarNode? keyNode)
    {
        _taken.Add(key);
        foreach ((ScalarNode name, DocNode value) in _entries)
        {
            if (name.Value == key)
            {
                _context.Record(PathOf(key), name.Position);
                keyNode = name;
                return value is ScalarNode { IsNull: true } ? null : value;
            }
        }

        keyNode = null;
        return null;
    }

    public string? String(string key) => Take(key, out ScalarNode? at) is { } node ? Scalars.Text(node, PathOf(key), at) : null;

    public bool Bool(string key) => OptionalBool(key) ?? false;

    public bool? OptionalBool(string key) => Take(key, out ScalarNode? at) is { } node ? Scalars.Bool(node, PathOf(key), at) : null;

    public long Long(string key) => Take(key, out ScalarNode? at) is { } node ? Scalars.Long(node, PathOf(key), at) : 0;

    public int Int(string key)
    {
        long value = Long(key);
        return value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw new ResourceValidationException(PathOf(key), $"{value} is out of range");
    }

    public Duration Duration(string key) => Take(key, out ScalarNode? at) is { } node ? Scalars.Duration(node, PathOf(key), at) : Types.Duration.Zero;

    public DateTimeOffset? Time(string key) => Take(key, out ScalarNode? at) is { } node ? Scalars.Time(node, PathOf(key), at) : null;

    public ValueList<string> Strings(string key) => List(key, static (node, path, _) => Scalars.Text(node, path));

    public ValueMap<string> StringMap(string key) => Map(key, static (node, path, _) => Scalars.Text(node, path));

    /// <summary>A label selector: each value one text or a list of texts (Teleport's utils.Strings).</summary>
    public ValueMap<ValueList<string>> Labels(string key) => Map(key, static (node, path, context) => StringOrList(node, path, context));

    /// <summary>Traits: each value a list of texts; a single text is taken as a list of one.</summary>
    public ValueMap<ValueList<string>> Traits(string key) => Labels(key);

    public T? Object<T>(string key, Func<MappingReader, T> read)
        where T : class
    {
        if (Take(key, out ScalarNode? at) is not { } node)
        {
            return null;
        }

        var fields = new MappingReader(_context, node, PathOf(key), at);
        T value = read(fields);
        fields.Done();
        return value;
    }

    public ValueList<T> Objects<T>(string key, Func<MappingReader, T> read) =>
        List(key, (node, path, context) =>
        {
            var fields = new MappingReader(context, node, path);
            T value = read(fields);
            fields.Done();
            return value;
        });

    public ValueMap<T> ObjectMap<T>(string key, Func<MappingReader, T> read) =>
        Map(key, (node, path, context) =>
        {
            var fields = new MappingReader(context, node, path);
            T value = read(fields);
            fields.Done();
            return value;
        });

    /// <summary>Refuses a field Teleport has but this library does not carry, saying so rather than calling it unknown.</summary>
    public void NotSupported(string key, string why)
    {
        if (Take(key, out ScalarNode? at) is { } node)
        {
            throw ReadContext.Error(PathOf(key), at ?? node, why);
        }
    }

    /// <summary>Refuses any field not read.</summary>
    public void Done()
    {
        foreach ((ScalarNode key, _) in _entries)
        {
            if (!_taken.Contains(key.Value))
            {
                string where = _path.Length == 0 ? "a resource" : _path;
                throw ReadContext.Error(PathOf(key.Value), key, $"unknown field \"{key.Value}\" in {where}");
            }
        }
    }

    private ValueList<T> List<T>(string key, Func<DocNode, string, ReadContext, T> read)
    {
        if (Take(key, out ScalarNode? at) is not { } node)
        {
            return ValueList<T>.Empty;
        }

        string path = PathOf(key);
        if (node is not SequenceNode sequence)
        {
            throw ReadContext.Error(path, at ?? node, $"expected a list, found {node.Describe()}");
        }

        var items = new T[sequence.Items.Count];
        for (int i = 0; i < items.Length; i++)
        {
            string itemPath = $"{path}[{i}]";
            DocNode item = sequence.Items[i];
            _context.Record(itemPath, item.Position);
            if (item is ScalarNode { IsNull: true })
            {
                throw ReadContext.Error(itemPath, item, "a list item must not be null");
            }

            items[i] = read(item, itemPath, _context);
        }

        return ValueList.Create<T>(items);
    }

    private ValueMap<T> Map<T>(string key, Func<DocNode, string, ReadContext, T> read)
    {
        if (Take(key, out ScalarNode? at) is not { } node)
        {
            return ValueMap<T>.Empty;
        }

        string path = PathOf(key);
        if (node is not MappingNode mapping)
        {
            throw ReadContext.Error(path, at ?? node, $"expected a mapping, found {node.Describe()}");
        }

        var entries = new KeyValuePair<string, T>[mapping.Entries.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < entries.Length; i++)
        {
            (ScalarNode name, DocNode value) = mapping.Entries[i];
            string entryPath = path + FieldPaths.Key(name.Value);
            _context.Record(entryPath, name.Position);
            if (!seen.Add(name.Value))
            {
                throw ReadContext.Error(entryPath, name, $"the key {name.Value} appears twice");
            }

            if (value is ScalarNode { IsNull: true })
            {
                throw ReadContext.Error(entryPath, value, "a value is required");
            }

            entries[i] = new(name.Value, read(value, entryPath, _context));
        }

        return ValueMap.Create<T>(entries);
    }

    private static ValueList<string> StringOrList(DocNode node, string path, ReadContext context)
    {
        if (node is ScalarNode scalar)
        {
            return [scalar.Value];
        }

        if (node is not SequenceNode sequence)
        {
            throw ReadContext.Error(path, node, $"expected text or a list of texts, found {node.Describe()}");
        }

        var values = new string[sequence.Items.Count];
        for (int i = 0; i < values.Length; i++)
        {
            string itemPath = $"{path}[{i}]";
            context.Record(itemPath, sequence.Items[i].Position);
            values[i] = Scalars.Text(sequence.Items[i], itemPath);
        }

        return ValueList.Create<string>(values);
    }
}
