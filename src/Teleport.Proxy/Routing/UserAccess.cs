using Teleport.Api.Rbac;
using Teleport.Api.Types;
using Teleport.Proxy.Cluster;

namespace Teleport.Proxy.Routing;

/// <summary>
/// What one user may reach, from the roles and traits in their certificate evaluated against the
/// roles as Auth defines them now (deny first). A node the user may not log in to with any login
/// is treated as not existing: it is neither listed nor routed to.
/// </summary>
public sealed class UserAccess
{
    private readonly AccessChecker _checker;

    private UserAccess(string userName, AccessChecker checker, IReadOnlyList<string> unknownRoles)
    {
        UserName = userName;
        _checker = checker;
        UnknownRoles = unknownRoles;
    }

    public string UserName { get; }

    /// <summary>Roles the certificate names that the cluster does not define (any more); they grant nothing.</summary>
    public IReadOnlyList<string> UnknownRoles { get; }

    public static UserAccess For(string userName, IEnumerable<string> roleNames, IReadOnlyDictionary<string, IReadOnlyList<string>> traits, ClusterSnapshot cluster)
    {
        ArgumentNullException.ThrowIfNull(roleNames);
        ArgumentNullException.ThrowIfNull(traits);
        ArgumentNullException.ThrowIfNull(cluster);
        var roles = new List<Role>();
        var unknown = new List<string>();
        foreach (string name in roleNames)
        {
            if (cluster.Roles is not null && cluster.Roles.TryGetValue(name, out Role? role))
            {
                roles.Add(role);
            }
            else
            {
                unknown.Add(name);
            }
        }

        var traitMap = ValueMap.From(traits.Select(t => KeyValuePair.Create(t.Key, ValueList.From(t.Value))));
        return new UserAccess(userName, new AccessChecker(roles, traitMap), unknown);
    }

    /// <summary>The logins the roles allow on <paramref name="node"/>, deny rules applied; empty when the node is hidden.</summary>
    public IReadOnlyList<string> LoginsOn(Server node)
    {
        ArgumentNullException.ThrowIfNull(node);
        ValueMap<string> labels = node.GetAllLabels();
        if (!_checker.CanAccessNode(labels).IsAllowed)
        {
            return [];
        }

        return [.. _checker.AllowedLogins.Where(login => _checker.CheckLogin(labels, login).IsAllowed).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    public bool CanSee(Server node) => LoginsOn(node).Count > 0;
}
