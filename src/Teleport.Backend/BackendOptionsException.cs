namespace Teleport.Backend;

/// <summary>An options object failed <c>Validate()</c>; the message starts with the offending field.</summary>
public sealed class BackendOptionsException(string field, string problem)
    : BackendException($"{field}: {problem}")
{
    /// <summary>The name of the option that is wrong.</summary>
    public string Field { get; } = field;
}
