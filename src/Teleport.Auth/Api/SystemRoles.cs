namespace Teleport.Auth.Api;

/// <summary>The built-in identities of cluster components, as Teleport names them.</summary>
public static class SystemRoles
{
    public const string Admin = "Admin";
    public const string Auth = "Auth";
    public const string Node = "Node";
    public const string Proxy = "Proxy";

    public static bool IsKnown(string role) => role is Admin or Auth or Node or Proxy;
}
