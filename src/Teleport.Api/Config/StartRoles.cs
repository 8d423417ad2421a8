namespace Teleport.Api.Config;

/// <summary>
/// The service names of <c>teleport start --roles</c> (Teleport's lib/defaults Role*), which
/// differ from the system roles a token grants (<c>Node</c>, <c>Proxy</c>, <c>Auth</c>).
/// </summary>
public static class StartRoles
{
    /// <summary>The Auth service (<c>auth_service</c>).</summary>
    public const string Auth = "auth";

    /// <summary>The SSH service (<c>ssh_service</c>).</summary>
    public const string Node = "node";

    /// <summary>The Proxy service (<c>proxy_service</c>).</summary>
    public const string Proxy = "proxy";

    /// <summary>Roles Teleport's <c>--roles</c> knows that this implementation does not run.</summary>
    internal static IReadOnlyList<string> NotSupported { get; } = ["app", "db", "windowsdesktop", "discovery", "okta"];
}
