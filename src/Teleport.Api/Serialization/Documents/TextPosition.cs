namespace Teleport.Api.Serialization.Documents;

/// <summary>A 1-based line and column in the text a document was read from; zero when the node was built in code.</summary>
internal readonly record struct TextPosition(int Line, int Column)
{
    public bool IsKnown => Line > 0;
}
