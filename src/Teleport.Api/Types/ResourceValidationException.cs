using System.Globalization;

namespace Teleport.Api.Types;

/// <summary>
/// A resource is not valid: a field has the wrong type or value, is unknown, or is missing. The
/// message names the field by its path in the resource (<c>spec.allow.node_labels</c>,
/// <c>spec.allow.logins[1]</c>) and, when the resource was read from YAML or JSON, where it is:
/// <c>line 12, column 5: spec.options.max_session_ttl: "8 hours" is not a duration</c>. Teleport's
/// <c>tctl create</c> refuses such a resource the same way, so this is what tctl prints.
/// </summary>
public sealed class ResourceValidationException : Exception
{
    public ResourceValidationException(string fieldPath, string problem)
        : this(fieldPath, problem, null, null, null)
    {
    }

    public ResourceValidationException(string fieldPath, string problem, int? line, int? column, Exception? innerException)
        : base(Format(fieldPath, problem, line, column), innerException)
    {
        FieldPath = fieldPath;
        Problem = problem;
        Line = line;
        Column = column;
    }

    public ResourceValidationException()
    {
    }

    public ResourceValidationException(string message) : base(message) => Problem = message;

    public ResourceValidationException(string message, Exception innerException) : base(message, innerException) => Problem = message;

    /// <summary>Where in the resource the problem is, e.g. <c>spec.allow.logins[1]</c>; empty for the document itself.</summary>
    public string FieldPath { get; } = string.Empty;

    /// <summary>What is wrong, without the position and path.</summary>
    public string Problem { get; } = string.Empty;

    /// <summary>The 1-based line of the field in the text it was read from, when it was read from text.</summary>
    public int? Line { get; }

    public int? Column { get; }

    /// <summary>The same problem, located at a position in the text the resource was read from.</summary>
    internal ResourceValidationException At(int line, int column) =>
        Line is null ? new ResourceValidationException(FieldPath, Problem, line, column, InnerException) : this;

    private static string Format(string fieldPath, string problem, int? line, int? column)
    {
        string position = line is { } l
            ? column is { } c
                ? string.Create(CultureInfo.InvariantCulture, $"line {l}, column {c}: ")
                : string.Create(CultureInfo.InvariantCulture, $"line {l}: ")
            : string.Empty;
        return fieldPath.Length == 0 ? position + problem : $"{position}{fieldPath}: {problem}";
    }
}
