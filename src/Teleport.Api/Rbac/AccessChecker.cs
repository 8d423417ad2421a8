using Teleport.Api.Types;

namespace Teleport.Api.Rbac;

/// <summary>
/// Answers what a user may do, from the roles they hold and their traits, the way Teleport's
/// RoleSet does (lib/services/role.go). A pure component: no I/O, no clock, safe to share.
/// Trait templates are expanded once, at construction. Deny rules are evaluated first and win:
/// a role whose <c>deny.node_labels</c> match a node denies that node whatever the login, and a
/// role whose <c>deny.logins</c> name a login denies it on every node. A login is allowed when
/// one role both lists it in <c>allow.logins</c> and matches the node with <c>allow.node_labels</c>.
/// </summary>
public sealed class AccessChecker
{
    /// <summary>The principal Teleport puts in certificates of users who may not log in anywhere, so the certificate is still valid SSH.</summary>
    public const string NoLoginPrefix = "-teleport-nologin-";

    private readonly Role[] _roles;

    public AccessChecker(IEnumerable<Role> roles, ValueMap<ValueList<string>> traits)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(traits);
        Traits = traits;
        _roles = [.. roles.Select(role => role.ApplyTraits(traits))];
        Options = AccessOptions.Combine(_roles);
    }

    /// <summary>The user's roles with trait templates expanded.</summary>
    public IReadOnlyList<Role> Roles => _roles;

    public ValueMap<ValueList<string>> Traits { get; }

    /// <summary>The roles' options combined.</summary>
    public AccessOptions Options { get; }

    /// <summary>Every login some role allows, for any certificate lifetime; deny rules are applied on the node, not here.</summary>
    public ValueList<string> AllowedLogins => GetLoginsForTtl(Duration.Zero, out _);

    /// <summary>Whether the user may log in to a node with these labels as <paramref name="login"/>.</summary>
    public AccessDecision CheckLogin(IReadOnlyDictionary<string, string> nodeLabels, string login)
    {
        ArgumentNullException.ThrowIfNull(nodeLabels);
        ArgumentNullException.ThrowIfNull(login);
        if (_roles.Length == 0)
        {
            return AccessDecision.Deny("access denied: the user has no roles");
        }

        foreach (Role role in _roles)
        {
            RoleConditions deny = role.Spec.Deny;
            if (DenyMatchesNode(role, nodeLabels, out string reason))
            {
                return AccessDecision.Deny(reason);
            }

            if (deny.Logins.Contains(login))
            {
                return AccessDecision.Deny($"access denied: role {role.Name} denies login {login}");
            }
        }

        var details = new List<string>(_roles.Length);
        foreach (Role role in _roles)
        {
            RoleConditions allow = role.Spec.Allow;
            if (!AllowMatchesNode(role, nodeLabels, out string why))
            {
                details.Add($"role {role.Name}: {why}");
            }
            else if (!allow.Logins.Contains(login))
            {
                details.Add(allow.Logins.IsEmpty
                    ? $"role {role.Name}: no logins"
                    : $"role {role.Name}: logins are {string.Join(", ", allow.Logins)}");
            }
            else
            {
                return AccessDecision.Allow($"login {login} allowed by role {role.Name}");
            }
        }

        string names = string.Join(", ", _roles.Select(static role => role.Name));
        return AccessDecision.Deny(_roles.Length == 1
            ? $"access denied: role {names} does not allow login {login} on this node"
            : $"access denied: roles {names} do not allow login {login} on this node", details);
    }

    public AccessDecision CheckLogin(Server node, string login)
    {
        ArgumentNullException.ThrowIfNull(node);
        return CheckLogin(node.GetAllLabels(), login);
    }

    /// <summary>Whether the user may see a node with these labels (<c>tsh ls</c>): a deny label match hides it, an allow label match shows it, logins aside.</summary>
    public AccessDecision CanAccessNode(IReadOnlyDictionary<string, string> nodeLabels)
    {
        ArgumentNullException.ThrowIfNull(nodeLabels);
        foreach (Role role in _roles)
        {
            if (DenyMatchesNode(role, nodeLabels, out string reason))
            {
                return AccessDecision.Deny(reason);
            }
        }

        var details = new List<string>(_roles.Length);
        foreach (Role role in _roles)
        {
            if (AllowMatchesNode(role, nodeLabels, out string why))
            {
                return AccessDecision.Allow($"node allowed by role {role.Name}");
            }

            details.Add($"role {role.Name}: {why}");
        }

        return AccessDecision.Deny("access denied: no role allows access to this node", details);
    }

    public AccessDecision CanAccessNode(Server node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return CanAccessNode(node.GetAllLabels());
    }

    /// <summary>
    /// Whether the user may perform <paramref name="verb"/> on resources of kind
    /// <paramref name="resource"/> (<c>tctl</c>, the Auth API). Deny rules first. A rule with a
    /// <c>where</c> clause counts only through <paramref name="evaluateWhere"/>; without one,
    /// such an allow rule does not match and such a deny rule does, so an unknown condition never
    /// grants more.
    /// </summary>
    public AccessDecision CheckAccessToRule(string resource, string verb, Func<string, bool>? evaluateWhere = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(verb);
        string action = $"access denied to perform action \"{verb}\" on \"{resource}\"";
        foreach (Role role in _roles)
        {
            foreach (Rule rule in role.Spec.Deny.Rules)
            {
                if (Covers(rule, resource, verb) && (rule.Where is null || (evaluateWhere?.Invoke(rule.Where) ?? true)))
                {
                    return AccessDecision.Deny($"{action}: role {role.Name} denies it");
                }
            }
        }

        foreach (Role role in _roles)
        {
            foreach (Rule rule in role.Spec.Allow.Rules)
            {
                if (Covers(rule, resource, verb) && (rule.Where is null || (evaluateWhere?.Invoke(rule.Where) ?? false)))
                {
                    return AccessDecision.Allow($"{verb} on {resource} allowed by role {role.Name}");
                }
            }
        }

        return AccessDecision.Deny($"{action}: no role allows it");
    }

    /// <summary>
    /// The logins of the roles whose <c>max_session_ttl</c> admits a certificate living
    /// <paramref name="ttl"/>; <paramref name="matchedTtl"/> says whether any role admits it at all
    /// (Teleport's GetLoginsForTTL).
    /// </summary>
    public ValueList<string> GetLoginsForTtl(Duration ttl, out bool matchedTtl)
    {
        matchedTtl = false;
        var logins = new List<string>();
        foreach (Role role in _roles)
        {
            Duration max = role.Spec.Options.MaxSessionTtl.IsZero ? RoleOptions.DefaultMaxSessionTtl : role.Spec.Options.MaxSessionTtl;
            if (ttl <= max)
            {
                matchedTtl = true;
                logins.AddRange(role.Spec.Allow.Logins.Where(login => !logins.Contains(login)));
            }
        }

        return ValueList.From(logins);
    }

    /// <summary>
    /// The principals of an SSH certificate living <paramref name="ttl"/> (Teleport's
    /// CheckLoginDuration): refused when no role admits that lifetime or the roles grant logins
    /// but none for that lifetime; a user whose roles grant no logins at all gets a single
    /// <c>-teleport-nologin-&lt;uuid&gt;</c> principal that no node accepts.
    /// </summary>
    public AccessDecision CheckLoginDuration(Duration ttl, out ValueList<string> principals)
    {
        ValueList<string> logins = GetLoginsForTtl(ttl, out bool matchedTtl);
        principals = logins;
        if (!matchedTtl)
        {
            return AccessDecision.Deny($"access denied: this user cannot request a certificate for {ttl}");
        }

        if (logins.IsEmpty && _roles.All(static role => role.Spec.Allow.Logins.IsEmpty))
        {
            principals = [NoLoginPrefix + Guid.NewGuid().ToString()];
            return AccessDecision.Allow("the user has no logins");
        }

        return logins.IsEmpty
            ? AccessDecision.Deny("access denied: this user cannot create SSH sessions, has no allowed logins")
            : AccessDecision.Allow($"logins {string.Join(", ", logins)}");
    }

    /// <summary>A requested certificate lifetime cut to <see cref="AccessOptions.MaxSessionTtl"/>.</summary>
    public Duration AdjustSessionTtl(Duration requested) => requested > Options.MaxSessionTtl ? Options.MaxSessionTtl : requested;

    /// <summary>Whether the user may forward their SSH agent when logged in as <paramref name="login"/>: some role must allow both (Teleport's CheckAgentForward).</summary>
    public AccessDecision CheckAgentForward(string login)
    {
        foreach (Role role in _roles)
        {
            if (role.Spec.Options.ForwardAgent && role.Spec.Allow.Logins.Contains(login))
            {
                return AccessDecision.Allow($"agent forwarding allowed by role {role.Name}");
            }
        }

        return AccessDecision.Deny($"access denied: no role allows agent forwarding for login {login}");
    }

    /// <summary>
    /// A deny section matches a node when its <c>node_labels</c> do. A <c>node_labels_expression</c>
    /// (Teleport's predicate language, not evaluated here) would match greedily too, so a deny
    /// section that has one is taken to match every node: an unknown condition never grants more.
    /// </summary>
    private static bool DenyMatchesNode(Role role, IReadOnlyDictionary<string, string> nodeLabels, out string reason)
    {
        RoleConditions deny = role.Spec.Deny;
        if (!string.IsNullOrEmpty(deny.NodeLabelsExpression))
        {
            reason = $"access denied: role {role.Name} has a deny node_labels_expression, which this cluster cannot evaluate";
            return true;
        }

        reason = $"access denied: role {role.Name} denies access to this node";
        return LabelMatching.Matches(deny.NodeLabels, nodeLabels, out _);
    }

    /// <summary>
    /// An allow section matches a node when its <c>node_labels</c> do; with a
    /// <c>node_labels_expression</c>, which Teleport requires to match as well and which is not
    /// evaluated here, it matches no node.
    /// </summary>
    private static bool AllowMatchesNode(Role role, IReadOnlyDictionary<string, string> nodeLabels, out string why)
    {
        RoleConditions allow = role.Spec.Allow;
        if (!string.IsNullOrEmpty(allow.NodeLabelsExpression))
        {
            why = "node_labels_expression is not supported, so the role matches no node";
            return false;
        }

        if (LabelMatching.Matches(allow.NodeLabels, nodeLabels, out string mismatch))
        {
            why = "matched";
            return true;
        }

        why = $"node_labels do not match ({mismatch})";
        return false;
    }

    /// <summary>Whether a rule names the resource (or <c>*</c>) and the verb (or <c>*</c>; <c>read</c> implies <c>readnosecrets</c>).</summary>
    private static bool Covers(Rule rule, string resource, string verb)
    {
        if (!rule.Resources.Contains(resource) && !rule.Resources.Contains(LabelMatching.Wildcard))
        {
            return false;
        }

        return rule.Verbs.Contains(Verbs.Wildcard)
            || rule.Verbs.Contains(verb)
            || (verb == Verbs.ReadNoSecrets && rule.Verbs.Contains(Verbs.Read));
    }
}
