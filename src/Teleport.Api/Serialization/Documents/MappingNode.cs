namespace Teleport.Api.Serialization.Documents;

internal sealed class MappingNode : DocNode
{
    public List<KeyValuePair<ScalarNode, DocNode>> Entries { get; } = [];

    public void Add(string key, DocNode value) => Entries.Add(new(ScalarNode.Text(key), value));

    public override string Describe() => "a mapping";
}
