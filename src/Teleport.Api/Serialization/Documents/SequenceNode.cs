namespace Teleport.Api.Serialization.Documents;

internal sealed class SequenceNode : DocNode
{
    public List<DocNode> Items { get; } = [];

    public override string Describe() => "a list";
}
