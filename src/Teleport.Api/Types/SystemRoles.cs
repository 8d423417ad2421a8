using System.Diagnostics.CodeAnalysis;

namespace Teleport.Api.Types;

/// <summary>
/// Teleport's system roles, the identities of services rather than of people: what a provision
/// token grants and what a host certificate's <c>x-teleport-role</c> names (api/types/system_role.go).
/// </summary>
public static class SystemRoles
{
    public const string Auth = "Auth";
    public const string Node = "Node";
    public const string Proxy = "Proxy";
    public const string Admin = "Admin";
    public const string TrustedCluster = "Trusted_cluster";
    public const string App = "App";
    public const string Db = "Db";
    public const string Kube = "Kube";
    public const string WindowsDesktop = "WindowsDesktop";
    public const string Bot = "Bot";
    public const string Instance = "Instance";
    public const string Discovery = "Discovery";
    public const string Okta = "Okta";

    /// <summary>The roles a provision token may grant, in Teleport's spelling.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Auth, Node, Proxy, TrustedCluster, App, Db, Kube, WindowsDesktop, Bot, Instance, Discovery, Okta];

    /// <summary>
    /// Teleport's spelling of a role name written in any case (<c>node</c> becomes <c>Node</c>),
    /// as <c>tctl tokens add --type=node,proxy</c> accepts.
    /// </summary>
    public static bool TryNormalize(string name, [NotNullWhen(true)] out string? canonical)
    {
        foreach (string role in All)
        {
            if (string.Equals(role, name, StringComparison.OrdinalIgnoreCase))
            {
                canonical = role;
                return true;
            }
        }

        canonical = null;
        return false;
    }
}
