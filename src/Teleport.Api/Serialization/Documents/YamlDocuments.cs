using Teleport.Api.Types;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Teleport.Api.Serialization.Documents;

/// <summary>
/// Reads YAML (one or more documents separated by <c>---</c>) into <see cref="DocNode"/> trees
/// from YamlDotNet's event stream, and writes trees back. Reading is iterative over events with a
/// depth limit; aliases share the anchored node rather than copying it, so a document cannot
/// grow by aliasing itself. Mapping keys are written in ordinal order, as <c>tctl get</c> writes them.
/// </summary>
internal static class YamlDocuments
{
    public const int MaxDepth = 64;

    /// <summary>The documents of a stream; an empty document (a lone <c>---</c>) reads as null.</summary>
    public static List<DocNode?> Read(string text)
    {
        var documents = new List<DocNode?>();
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, DocNode>(StringComparer.Ordinal);
        try
        {
            // StreamStart, then (DocumentStart, node, DocumentEnd)*, then StreamEnd.
            if (!MoveNext(parser) || !MoveNext(parser))
            {
                return documents;
            }

            while (parser.Current is DocumentStart)
            {
                anchors.Clear();
                MoveNext(parser);
                documents.Add(parser.Current is DocumentEnd ? null : ReadNode(parser, anchors));
                MoveNext(parser);
            }
        }
        catch (YamlException e)
        {
            throw new ResourceValidationException(string.Empty, $"not valid YAML: {Describe(e)}", (int)e.Start.Line, (int)e.Start.Column, e);
        }

        return documents;
    }

    public static string Write(IEnumerable<DocNode> documents)
    {
        var output = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(output, 2, int.MaxValue, false);
        emitter.Emit(new StreamStart());
        bool first = true;
        foreach (DocNode document in documents)
        {
            emitter.Emit(new DocumentStart(null, null, first));
            first = false;
            WriteNode(emitter, document);
            emitter.Emit(new DocumentEnd(true));
        }

        emitter.Emit(new StreamEnd());
        return output.ToString();
    }

    /// <summary>
    /// Builds the node at the parser's current event. Collections are built with an explicit
    /// stack, so nesting is bounded by <see cref="MaxDepth"/> and not by the thread's stack.
    /// </summary>
    private static DocNode ReadNode(IParser parser, Dictionary<string, DocNode> anchors)
    {
        var open = new Stack<(DocNode Node, string? Anchor, ScalarNode? PendingKey)>();
        while (true)
        {
            ParsingEvent current = parser.Current ?? throw new ResourceValidationException(string.Empty, "the YAML ends inside a document");
            DocNode? completed = null;
            string? completedAnchor = null;
            switch (current)
            {
                case Scalar scalar:
                    completed = ReadScalar(scalar);
                    completedAnchor = AnchorOf(scalar.Anchor);
                    break;
                case AnchorAlias alias:
                    completed = anchors.TryGetValue(alias.Value.Value, out DocNode? target)
                        ? target
                        : throw Error(alias.Start, $"the alias *{alias.Value.Value} refers to no anchor before it");
                    break;
                case MappingStart mapping:
                    Push(open, new MappingNode { Position = PositionOf(mapping.Start) }, AnchorOf(mapping.Anchor), mapping.Start);
                    break;
                case SequenceStart sequence:
                    Push(open, new SequenceNode { Position = PositionOf(sequence.Start) }, AnchorOf(sequence.Anchor), sequence.Start);
                    break;
                case MappingEnd or SequenceEnd:
                    (DocNode node, string? anchor, _) = open.Pop();
                    completed = node;
                    completedAnchor = anchor;
                    break;
                default:
                    throw Error(current.Start, $"unexpected YAML {current.GetType().Name}");
            }

            MoveNext(parser);
            if (completed is null)
            {
                continue;
            }

            if (completedAnchor is not null)
            {
                anchors[completedAnchor] = completed;
            }

            if (open.Count == 0)
            {
                return completed;
            }

            (DocNode parent, string? parentAnchor, ScalarNode? pendingKey) = open.Pop();
            if (parent is SequenceNode list)
            {
                list.Items.Add(completed);
                open.Push((parent, parentAnchor, null));
            }
            else if (pendingKey is null)
            {
                if (completed is not ScalarNode key)
                {
                    throw Error(completed.Position, "a mapping key must be a plain word, not a list or mapping");
                }

                open.Push((parent, parentAnchor, key));
            }
            else
            {
                ((MappingNode)parent).Entries.Add(new(pendingKey, completed));
                open.Push((parent, parentAnchor, null));
            }
        }
    }

    /// <summary>
    /// YamlDotNet's parser reports most bad input as <see cref="YamlException"/>, but some (an
    /// unclosed flow sequence before a new key) as <see cref="InvalidOperationException"/> from
    /// its state machine; both become a validation error at the last good position.
    /// </summary>
    private static bool MoveNext(IParser parser)
    {
        Mark last = parser.Current?.End ?? Mark.Empty;
        try
        {
            return parser.MoveNext();
        }
        catch (InvalidOperationException e)
        {
            throw new ResourceValidationException(string.Empty, "not valid YAML: the text cannot be parsed after this point (an unclosed '[' or '{'?)",
                (int)last.Line, (int)last.Column, e);
        }
    }

    private static void Push(Stack<(DocNode Node, string? Anchor, ScalarNode? PendingKey)> open, DocNode node, string? anchor, Mark start)
    {
        if (open.Count >= MaxDepth)
        {
            throw Error(start, $"the document nests deeper than {MaxDepth} levels");
        }

        open.Push((node, anchor, null));
    }

    private static ScalarNode ReadScalar(Scalar scalar)
    {
        // A quoted or block scalar, or one tagged !!str, is text whatever it says; a plain one may
        // be a number, boolean or null, which the field that reads it decides.
        bool isText = scalar.Style is not ScalarStyle.Plain and not ScalarStyle.Any
            || (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value is "tag:yaml.org,2002:str");
        return new ScalarNode(scalar.Value, isText ? ScalarKind.Text : ScalarKind.Plain) { Position = PositionOf(scalar.Start) };
    }

    private static string? AnchorOf(AnchorName anchor) => anchor.IsEmpty ? null : anchor.Value;

    private static void WriteNode(IEmitter emitter, DocNode node)
    {
        switch (node)
        {
            case ScalarNode scalar:
                emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, scalar.Value, StyleFor(scalar), true, true));
                break;
            case SequenceNode sequence:
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, sequence.Items.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (DocNode item in sequence.Items)
                {
                    WriteNode(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case MappingNode mapping:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, mapping.Entries.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (KeyValuePair<ScalarNode, DocNode> entry in mapping.Entries.OrderBy(static entry => entry.Key.Value, StringComparer.Ordinal))
                {
                    WriteNode(emitter, entry.Key);
                    WriteNode(emitter, entry.Value);
                }

                emitter.Emit(new MappingEnd());
                break;
        }
    }

    /// <summary>
    /// Text that a YAML 1.1 reader (Go's yaml.v2, which Teleport uses) would take for a number,
    /// boolean, null or time is quoted, so <c>no</c> or <c>1.10</c> reads back as text.
    /// </summary>
    private static ScalarStyle StyleFor(ScalarNode scalar)
    {
        if (scalar.Kind == ScalarKind.Plain)
        {
            return ScalarStyle.Plain;
        }

        if (ScalarQuoting.LooksLikeNonText(scalar.Value))
        {
            return ScalarStyle.SingleQuoted;
        }

        // Edge whitespace, line breaks, tabs and control characters go in double quotes, where
        // escapes keep them exact: YamlDotNet would write a trailing tab plain, or a tab after a
        // folded line break single-quoted, and a reader strips both.
        string value = scalar.Value;
        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            return ScalarStyle.DoubleQuoted;
        }

        foreach (char c in value)
        {
            if (char.IsControl(c) || (char.IsWhiteSpace(c) && c != ' ') || c == '\uFEFF')
            {
                return ScalarStyle.DoubleQuoted;
            }
        }

        return ScalarStyle.Plain;
    }

    private static TextPosition PositionOf(Mark mark) => new((int)mark.Line, (int)mark.Column);

    private static ResourceValidationException Error(Mark mark, string problem) => Error(PositionOf(mark), problem);

    private static ResourceValidationException Error(TextPosition position, string problem) =>
        new(string.Empty, problem, position.Line, position.Column, null);

    /// <summary>YamlDotNet's messages start with the position, which the exception already carries.</summary>
    private static string Describe(YamlException e)
    {
        string message = e.Message;
        int close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && close > 0 ? message[(close + 3)..] : message;
    }
}
