using Teleport.Api.Rbac;
using Teleport.Api.Types;

namespace Teleport.Auth.Api;

/// <summary>
/// The one place every Auth API call is authorized: the caller's certificate names a system role or
/// a user; a user's current roles (read from the backend now, not from the certificate alone) must
/// allow the endpoint's rule, deny first.
/// </summary>
public sealed class ApiAuthorizer(AuthServer auth)
{
    public async Task AuthorizeAsync(Caller caller, ApiPermission permission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(permission);
        if (permission.Anonymous)
        {
            return;
        }

        if (caller.Identity is null)
        {
            throw AuthException.AccessDenied("this call needs a client certificate issued by the cluster: run tctl on the Auth host or log in with tsh");
        }

        if (!string.Equals(caller.Identity.ClusterName, auth.Name, StringComparison.Ordinal))
        {
            throw AuthException.AccessDenied($"the certificate belongs to cluster \"{caller.Identity.ClusterName}\", not \"{auth.Name}\"");
        }

        if (caller.SystemRole is { } systemRole)
        {
            if (systemRole == SystemRoles.Admin || permission.SystemRoles.Contains(systemRole))
            {
                return;
            }

            throw AuthException.AccessDenied($"the {systemRole} role may not make this call");
        }

        if (permission.Resource is null)
        {
            throw AuthException.AccessDenied("this call is reserved for cluster components");
        }

        if (permission.Resource == "*")
        {
            return;
        }

        AccessChecker access = await AccessCheckerAsync(caller, cancellationToken).ConfigureAwait(false);
        AccessDecision decision = access.CheckAccessToRule(permission.Resource, permission.Verb!);
        if (!decision.IsAllowed)
        {
            throw AuthException.AccessDenied($"access denied to {permission.Verb} {permission.Resource}: {decision.Reason}");
        }
    }

    /// <summary>The RBAC view of a user caller, from their current user resource and roles.</summary>
    public async Task<AccessChecker> AccessCheckerAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        User user;
        try
        {
            user = await auth.Users.GetAsync(caller.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (AuthException e) when (e.Kind == Teleport.Api.Client.ErrorKinds.NotFound)
        {
            throw AuthException.AccessDenied($"user {caller.Name} no longer exists");
        }

        return await auth.Certificates.AccessCheckerForAsync(user, cancellationToken).ConfigureAwait(false);
    }
}
