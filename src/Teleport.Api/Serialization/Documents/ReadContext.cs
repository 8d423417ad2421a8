using Teleport.Api.Types;

namespace Teleport.Api.Serialization.Documents;

/// <summary>
/// The positions of the fields read from one document, by path, so that a problem found later by
/// a resource's <c>Validate</c> (which knows paths, not text) can be placed at a line and column:
/// the field's own position, or failing that its nearest enclosing field's.
/// </summary>
internal sealed class ReadContext
{
    private readonly Dictionary<string, TextPosition> _positions = new(StringComparer.Ordinal);

    public void Record(string path, TextPosition position)
    {
        if (position.IsKnown)
        {
            _positions.TryAdd(path, position);
        }
    }

    public ResourceValidationException Locate(ResourceValidationException problem)
    {
        string path = problem.FieldPath;
        while (true)
        {
            if (_positions.TryGetValue(path, out TextPosition position))
            {
                return problem.At(position.Line, position.Column);
            }

            if (path.Length == 0)
            {
                return problem;
            }

            path = Parent(path);
        }
    }

    public static ResourceValidationException Error(string path, DocNode node, string problem) =>
        node.Position.IsKnown
            ? new ResourceValidationException(path, problem, node.Position.Line, node.Position.Column, null)
            : new ResourceValidationException(path, problem);

    /// <summary><c>spec.allow.logins[1]</c> to <c>spec.allow.logins</c>, <c>a.b["x"]</c> to <c>a.b</c>, <c>a.b</c> to <c>a</c>, <c>a</c> to the document.</summary>
    private static string Parent(string path)
    {
        if (path.EndsWith(']'))
        {
            int open = path.LastIndexOf('[');
            if (open > 0)
            {
                return path[..open];
            }
        }

        int dot = path.LastIndexOf('.');
        return dot > 0 ? path[..dot] : string.Empty;
    }
}
