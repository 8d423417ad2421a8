namespace Teleport.Auth.Api;

/// <summary>
/// Who may call an endpoint: anyone (the public endpoints), the listed system roles, and users
/// whose roles allow <see cref="Verb"/> on <see cref="Resource"/> (RBAC rules). Admin may call everything.
/// </summary>
public sealed record ApiPermission(bool Anonymous, IReadOnlyList<string> SystemRoles, string? Resource, string? Verb)
{
    public static ApiPermission Public { get; } = new(true, [], null, null);

    /// <summary>Users by rule, plus the system roles given.</summary>
    public static ApiPermission Rule(string resource, string verb, params string[] systemRoles) => new(false, systemRoles, resource, verb);

    /// <summary>Only the system roles given (and Admin).</summary>
    public static ApiPermission System(params string[] systemRoles) => new(false, systemRoles, null, null);

    /// <summary>Any authenticated user or component; the handler narrows further (such as filtering nodes by labels).</summary>
    public static ApiPermission Authenticated { get; } = new(false, [Teleport.Api.Types.SystemRoles.Node, Teleport.Api.Types.SystemRoles.Proxy, Teleport.Api.Types.SystemRoles.Auth], "*", "*");
}
