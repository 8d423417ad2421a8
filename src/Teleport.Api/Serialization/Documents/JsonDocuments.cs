using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Teleport.Api.Types;

namespace Teleport.Api.Serialization.Documents;

/// <summary>
/// Reads JSON into <see cref="DocNode"/> trees with line and column for each node (computed from
/// the reader's byte offsets), and writes trees with <see cref="Utf8JsonWriter"/>. Strict JSON:
/// no comments, no trailing commas, nesting limited to <see cref="YamlDocuments.MaxDepth"/>.
/// </summary>
internal static class JsonDocuments
{
    public static DocNode Read(ReadOnlySpan<byte> utf8)
    {
        // Files saved by some editors start with a UTF-8 byte order mark, which JSON does not allow.
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8 = utf8[3..];
        }

        var lines = new LineMap(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = YamlDocuments.MaxDepth });
        try
        {
            if (!reader.Read())
            {
                throw new ResourceValidationException(string.Empty, "the JSON text is empty");
            }

            DocNode root = ReadValue(ref reader, lines);
            if (reader.Read())
            {
                TextPosition extra = lines.PositionOf(reader.TokenStartIndex);
                throw new ResourceValidationException(string.Empty, "unexpected text after the JSON value", extra.Line, extra.Column, null);
            }

            return root;
        }
        catch (JsonException e)
        {
            int? line = e.LineNumber is { } l ? (int)l + 1 : null;
            int? column = e.BytePositionInLine is { } c ? (int)c + 1 : null;
            throw new ResourceValidationException(string.Empty, $"not valid JSON: {Describe(e)}", line, column, e);
        }
    }

    /// <summary>Reads the value starting at the reader's current token (System.Text.Json converters hand over readers this way).</summary>
    public static DocNode ReadValue(ref Utf8JsonReader reader) => ReadValue(ref reader, default);

    public static void Write(Utf8JsonWriter writer, DocNode node)
    {
        switch (node)
        {
            case ScalarNode { Kind: ScalarKind.Text } text:
                writer.WriteStringValue(text.Value);
                break;
            case ScalarNode literal when literal.IsNull:
                writer.WriteNullValue();
                break;
            case ScalarNode literal:
                writer.WriteRawValue(literal.Value);
                break;
            case SequenceNode sequence:
                writer.WriteStartArray();
                foreach (DocNode item in sequence.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case MappingNode mapping:
                writer.WriteStartObject();
                foreach (KeyValuePair<ScalarNode, DocNode> entry in mapping.Entries)
                {
                    writer.WritePropertyName(entry.Key.Value);
                    Write(writer, entry.Value);
                }

                writer.WriteEndObject();
                break;
        }
    }

    public static string Write(DocNode node, bool indented)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = indented,

            // Readable text for tctl and logs; the output is never embedded in HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            Write(writer, node);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static DocNode ReadValue(ref Utf8JsonReader reader, LineMap lines)
    {
        TextPosition position = lines.PositionOf(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var mapping = new MappingNode { Position = position };
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var key = new ScalarNode(reader.GetString()!, ScalarKind.Text) { Position = lines.PositionOf(reader.TokenStartIndex) };
                    reader.Read();
                    mapping.Entries.Add(new(key, ReadValue(ref reader, lines)));
                }

                return mapping;
            }

            case JsonTokenType.StartArray:
            {
                var sequence = new SequenceNode { Position = position };
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    sequence.Items.Add(ReadValue(ref reader, lines));
                }

                return sequence;
            }

            case JsonTokenType.String:
                return new ScalarNode(reader.GetString()!, ScalarKind.Text) { Position = position };
            case JsonTokenType.Number:
                return new ScalarNode(Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan), ScalarKind.Plain) { Position = position };
            case JsonTokenType.True:
                return new ScalarNode("true", ScalarKind.Plain) { Position = position };
            case JsonTokenType.False:
                return new ScalarNode("false", ScalarKind.Plain) { Position = position };
            default:
                return new ScalarNode("null", ScalarKind.Plain) { Position = position };
        }
    }

    private static string Describe(JsonException e)
    {
        // The reader's messages end with " LineNumber: 0 | BytePositionInLine: 3.", which the position already says.
        string message = e.Message;
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd() : message;
    }

    /// <summary>Byte offsets to 1-based lines and columns; an empty map (for readers handed over by System.Text.Json) knows no positions.</summary>
    private readonly struct LineMap
    {
        private readonly int[]? _lineStarts;

        public LineMap(ReadOnlySpan<byte> utf8)
        {
            var starts = new List<int> { 0 };
            for (int i = 0; i < utf8.Length; i++)
            {
                if (utf8[i] == (byte)'\n')
                {
                    starts.Add(i + 1);
                }
            }

            _lineStarts = [.. starts];
        }

        public TextPosition PositionOf(long offset)
        {
            if (_lineStarts is null)
            {
                return default;
            }

            int index = Array.BinarySearch(_lineStarts, (int)offset);
            int line = index >= 0 ? index : ~index - 1;
            return new TextPosition(line + 1, (int)offset - _lineStarts[line] + 1);
        }
    }
}
