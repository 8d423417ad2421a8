namespace Teleport.Ssh.Auth;

/// <summary>The server's answer to one client attempt.</summary>
internal readonly record struct ClientAuthOutcome(bool Success, IReadOnlyList<string>? AllowedMethods, bool PartialSuccess)
{
    public static ClientAuthOutcome Succeeded => new(true, null, false);
}
