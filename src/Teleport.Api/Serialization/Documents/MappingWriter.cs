using System.Globalization;
using Teleport.Api.Types;

namespace Teleport.Api.Serialization.Documents;

/// <summary>
/// Builds one mapping field by field, in the order the resource's Go type declares them (JSON keeps
/// it; YAML sorts keys). Empty values are left out, as Go's <c>omitempty</c> does, except where
/// Teleport always writes a field.
/// </summary>
internal sealed class MappingWriter
{
    public MappingNode Node { get; } = new();

    public bool IsEmpty => Node.Entries.Count == 0;

    public void String(string key, string? value)
    {
        if (value is not null)
        {
            Node.Add(key, ScalarNode.Text(value));
        }
    }

    public void Bool(string key, bool value, bool always = false)
    {
        if (value || always)
        {
            Node.Add(key, BoolNode(value));
        }
    }

    public void OptionalBool(string key, bool? value)
    {
        if (value is { } known)
        {
            Node.Add(key, BoolNode(known));
        }
    }

    public void Long(string key, long value, bool always = false)
    {
        if (value != 0 || always)
        {
            Node.Add(key, ScalarNode.Literal(value.ToString(CultureInfo.InvariantCulture)));
        }
    }

    public void Duration(string key, Duration value, bool always = false)
    {
        if (!value.IsZero || always)
        {
            Node.Add(key, ScalarNode.Text(value.ToString()));
        }
    }

    public void Time(string key, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            Node.Add(key, ScalarNode.Text(Scalars.FormatTime(time)));
        }
    }

    public void Strings(string key, ValueList<string> values)
    {
        if (!values.IsEmpty)
        {
            Node.Add(key, TextList(values));
        }
    }

    public void StringMap(string key, ValueMap<string> values)
    {
        if (!values.IsEmpty)
        {
            var mapping = new MappingNode();
            foreach ((string name, string value) in values)
            {
                mapping.Add(name, ScalarNode.Text(value));
            }

            Node.Add(key, mapping);
        }
    }

    /// <summary>A label selector; a single value is written as text, as Teleport's utils.Strings does.</summary>
    public void Labels(string key, ValueMap<ValueList<string>> labels) => Map(key, labels, singleAsText: true);

    /// <summary>Traits, each always a list.</summary>
    public void Traits(string key, ValueMap<ValueList<string>> traits) => Map(key, traits, singleAsText: false);

    public void Object(string key, MappingWriter? fields, bool always = false)
    {
        if (fields is not null && (always || !fields.IsEmpty))
        {
            Node.Add(key, fields.Node);
        }
    }

    public void Objects<T>(string key, ValueList<T> items, Func<T, MappingWriter> write)
    {
        if (!items.IsEmpty)
        {
            var sequence = new SequenceNode();
            foreach (T item in items)
            {
                sequence.Items.Add(write(item).Node);
            }

            Node.Add(key, sequence);
        }
    }

    public void ObjectMap<T>(string key, ValueMap<T> items, Func<T, MappingWriter> write)
    {
        if (!items.IsEmpty)
        {
            var mapping = new MappingNode();
            foreach ((string name, T item) in items)
            {
                mapping.Add(name, write(item).Node);
            }

            Node.Add(key, mapping);
        }
    }

    public void Raw(string key, DocNode node) => Node.Add(key, node);

    private void Map(string key, ValueMap<ValueList<string>> values, bool singleAsText)
    {
        if (values.IsEmpty)
        {
            return;
        }

        var mapping = new MappingNode();
        foreach ((string name, ValueList<string> list) in values)
        {
            mapping.Add(name, singleAsText && list.Count == 1 ? ScalarNode.Text(list[0]) : TextList(list));
        }

        Node.Add(key, mapping);
    }

    private static SequenceNode TextList(ValueList<string> values)
    {
        var sequence = new SequenceNode();
        foreach (string value in values)
        {
            sequence.Items.Add(ScalarNode.Text(value));
        }

        return sequence;
    }

    private static ScalarNode BoolNode(bool value) => ScalarNode.Literal(value ? "true" : "false");
}
