namespace Teleport.Api.Rbac;

/// <summary>
/// The answer to an access question: allowed or not, a <see cref="Reason"/> a user can read
/// ("access denied: role access does not allow login root on this node"), and per-role
/// <see cref="Details"/> for an administrator working out why.
/// </summary>
public sealed record AccessDecision(bool IsAllowed, string Reason, IReadOnlyList<string> Details)
{
    public static AccessDecision Allow(string reason) => new(true, reason, []);

    public static AccessDecision Deny(string reason, IReadOnlyList<string>? details = null) => new(false, reason, details ?? []);

    public override string ToString() =>
        Details.Count == 0 ? Reason : $"{Reason} ({string.Join("; ", Details)})";
}
