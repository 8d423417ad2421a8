namespace Teleport.Api.Serialization.Documents;

/// <summary>
/// A format-neutral document tree, what a YAML or JSON text is read into before it becomes a
/// resource and what a resource becomes before it is written. Each node remembers where it was
/// in the text so validation errors can say <c>line 12, column 5</c>.
/// </summary>
internal abstract class DocNode
{
    public TextPosition Position { get; init; }

    /// <summary>What the node is, for messages: "a mapping", "a list", "the text \"x\"".</summary>
    public abstract string Describe();
}
