namespace Teleport.Api.Serialization.Documents;

/// <summary>How a scalar was written, which decides what it may mean.</summary>
internal enum ScalarKind
{
    /// <summary>A plain YAML scalar or a JSON number, boolean or null: its text may be a number, a boolean or null.</summary>
    Plain,

    /// <summary>A quoted or block YAML scalar, a <c>!!str</c> one, or a JSON string: always text.</summary>
    Text,
}
