namespace Teleport.Api.Serialization.Documents;

internal sealed class ScalarNode(string value, ScalarKind kind) : DocNode
{
    public string Value { get; } = value;

    public ScalarKind Kind { get; } = kind;

    /// <summary>
    /// Whether the scalar means null: a plain empty value, <c>~</c> or <c>null</c> (YAML 1.1 and the
    /// JSON literal), as Go's YAML reader takes them.
    /// </summary>
    public bool IsNull => Kind == ScalarKind.Plain && Value is "" or "~" or "null" or "Null" or "NULL";

    public static ScalarNode Text(string value) => new(value, ScalarKind.Text);

    public static ScalarNode Literal(string value) => new(value, ScalarKind.Plain);

    public override string Describe() => IsNull ? "null" : $"\"{(Value.Length > 40 ? Value[..40] + "..." : Value)}\"";
}
