namespace Teleport.Api.Types;

/// <summary>Teleport's <c>PasswordState</c> enum; the numbers are what the JSON and YAML carry.</summary>
public enum PasswordState
{
    Unspecified = 0,
    Unset = 1,
    Set = 2,
}
