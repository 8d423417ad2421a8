namespace Teleport.Auth;

/// <summary>Marks the assembly; remove once real types exist.</summary>
internal static class AssemblyMarker
{
}
