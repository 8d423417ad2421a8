using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Teleport.Api.Rbac;
using Teleport.Api.Serialization;
using Teleport.Api.Types;

namespace Teleport.Auth.Api.Endpoints;

/// <summary>
/// tctl get / create / rm for the kinds the cluster stores: user, role, token, node,
/// cert_authority, cluster_name. Each call is authorized by the kind's rule (read, list, create,
/// update, delete); nodes are filtered by the caller's roles.
/// </summary>
internal static class ResourceEndpoints
{
    public static void Map(ApiRouter router)
    {
        AuthServer auth = router.Auth;
        router.Map("GET", "/v1/resources/{kind}", ApiPermission.Authenticated, async (context, caller) =>
        {
            string kind = Kind(context);
            await router.Authorizer.AuthorizeAsync(caller, ReadPermission(kind, Verbs.List), context.RequestAborted).ConfigureAwait(false);
            IReadOnlyList<IResource> resources = await ListAsync(router, caller, kind, context.RequestAborted).ConfigureAwait(false);
            await context.WriteRawJsonAsync(ResourceJson.WriteAll(resources, indented: false)).ConfigureAwait(false);
        });

        router.Map("GET", "/v1/resources/{kind}/{name}", ApiPermission.Authenticated, async (context, caller) =>
        {
            string kind = Kind(context);
            string name = ApiRouter.Route(context, "name");
            await router.Authorizer.AuthorizeAsync(caller, ReadPermission(kind, Verbs.Read), context.RequestAborted).ConfigureAwait(false);
            IResource resource = (await ListAsync(router, caller, kind, context.RequestAborted).ConfigureAwait(false))
                .FirstOrDefault(r => r.Metadata.Name == name || (kind == ResourceKinds.CertAuthority && r.SubKind == name))
                ?? throw AuthException.NotFound($"{kind} \"{name}\" not found");
            await context.WriteRawJsonAsync(ResourceJson.Write(resource)).ConfigureAwait(false);
        });

        // POST creates (409 when it exists); PUT creates or replaces (tctl create -f).
        foreach ((string method, bool force) in new[] { ("POST", false), ("PUT", true) })
        {
            router.Map(method, "/v1/resources", ApiPermission.Authenticated, async (context, caller) =>
            {
                IResource resource = ResourceJson.Read(await context.ReadTextAsync().ConfigureAwait(false));
                await router.Authorizer.AuthorizeAsync(caller, ApiPermission.Rule(resource.Kind, force ? Verbs.Update : Verbs.Create), context.RequestAborted).ConfigureAwait(false);
                if (force)
                {
                    await router.Authorizer.AuthorizeAsync(caller, ApiPermission.Rule(resource.Kind, Verbs.Create), context.RequestAborted).ConfigureAwait(false);
                }

                IResource stored = await WriteAsync(auth, resource, force, caller.Name, context.RequestAborted).ConfigureAwait(false);
                context.Response.StatusCode = StatusCodes.Status201Created;
                await context.WriteRawJsonAsync(ResourceJson.Write(stored)).ConfigureAwait(false);
            });
        }

        router.Map("DELETE", "/v1/resources/{kind}/{name}", ApiPermission.Authenticated, async (context, caller) =>
        {
            string kind = Kind(context);
            string name = ApiRouter.Route(context, "name");
            await router.Authorizer.AuthorizeAsync(caller, ApiPermission.Rule(kind, Verbs.Delete), context.RequestAborted).ConfigureAwait(false);
            switch (kind)
            {
                case ResourceKinds.User:
                    await auth.Users.DeleteAsync(name, caller.Name, context.RequestAborted).ConfigureAwait(false);
                    break;
                case ResourceKinds.Role:
                    await auth.Roles.DeleteAsync(name, caller.Name, context.RequestAborted).ConfigureAwait(false);
                    break;
                case ResourceKinds.Token:
                    await auth.Provisioning.DeleteTokenAsync(name, context.RequestAborted).ConfigureAwait(false);
                    break;
                case ResourceKinds.Node:
                    await auth.Presence.DeleteAsync(name, context.RequestAborted).ConfigureAwait(false);
                    break;
                default:
                    throw AuthException.BadParameter($"{kind} resources cannot be deleted");
            }

            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
    }

    /// <summary>Cluster components read what they need to authorize logins: roles, nodes, CAs; users are for people with the rule (and Admin) only.</summary>
    private static ApiPermission ReadPermission(string kind, string verb) => kind switch
    {
        ResourceKinds.Role or ResourceKinds.CertAuthority or ResourceKinds.ClusterName => ApiPermission.Rule(kind, verb, SystemRoles.Node, SystemRoles.Proxy),
        // Users list nodes by their node_labels, not by a rule (Teleport's tsh ls): the listing is filtered.
        ResourceKinds.Node => ApiPermission.Authenticated,
        _ => ApiPermission.Rule(kind, verb),
    };

    private static string Kind(HttpContext context)
    {
        string kind = ApiRouter.Route(context, "kind");
        return kind switch
        {
            "users" => ResourceKinds.User,
            "roles" => ResourceKinds.Role,
            "tokens" => ResourceKinds.Token,
            "nodes" => ResourceKinds.Node,
            "cas" or "cert_authorities" => ResourceKinds.CertAuthority,
            _ => kind,
        };
    }

    private static async Task<IReadOnlyList<IResource>> ListAsync(ApiRouter router, Caller caller, string kind, CancellationToken cancellationToken)
    {
        AuthServer auth = router.Auth;
        switch (kind)
        {
            case ResourceKinds.User:
                return [.. await auth.Users.ListAsync(cancellationToken).ConfigureAwait(false)];
            case ResourceKinds.Role:
                return [.. await auth.Roles.ListAsync(cancellationToken).ConfigureAwait(false)];
            case ResourceKinds.Token:
                return [.. await auth.Provisioning.ListTokensAsync(cancellationToken).ConfigureAwait(false)];
            case ResourceKinds.CertAuthority:
                return [auth.Authorities.ToResource(CertAuthTypes.Host), auth.Authorities.ToResource(CertAuthTypes.User)];
            case ResourceKinds.ClusterName:
                return [auth.ClusterName];
            case ResourceKinds.Node:
            {
                IReadOnlyList<Server> nodes = await auth.Presence.ListAsync(cancellationToken).ConfigureAwait(false);
                if (!caller.IsUser)
                {
                    return [.. nodes];
                }

                // Users see the nodes their roles let them reach (tsh ls semantics).
                AccessChecker access = await router.Authorizer.AccessCheckerAsync(caller, cancellationToken).ConfigureAwait(false);
                return [.. nodes.Where(n => access.CanAccessNode(n).IsAllowed)];
            }

            default:
                throw AuthException.BadParameter($"unknown resource kind \"{kind}\" (user, role, token, node, cert_authority, cluster_name)");
        }
    }

    private static async Task<IResource> WriteAsync(AuthServer auth, IResource resource, bool force, string by, CancellationToken cancellationToken)
    {
        switch (resource)
        {
            case User user:
                if (!force && await UserExistsAsync(auth, user.Metadata.Name, cancellationToken).ConfigureAwait(false))
                {
                    throw AuthException.AlreadyExists($"user \"{user.Metadata.Name}\" already exists: use tctl create -f to replace it");
                }

                return await auth.Users.UpsertAsync(user, by, cancellationToken).ConfigureAwait(false);
            case Role role:
                return force
                    ? await auth.Roles.UpsertAsync(role, by, cancellationToken).ConfigureAwait(false)
                    : await auth.Roles.CreateAsync(role, by, cancellationToken).ConfigureAwait(false);
            case ProvisionToken token:
                TimeSpan? ttl = token.Metadata.Expires is { } expires ? expires - auth.Options.Clock.GetUtcNow() : null;
                return await auth.Provisioning.CreateTokenAsync([.. token.Spec.Roles], ttl, token.Metadata.Name, by, cancellationToken).ConfigureAwait(false);
            default:
                throw AuthException.BadParameter($"{resource.Kind} resources cannot be created with tctl create");
        }
    }

    private static async Task<bool> UserExistsAsync(AuthServer auth, string name, CancellationToken cancellationToken)
    {
        try
        {
            await auth.Users.GetAsync(name, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AuthException e) when (e.Kind == Teleport.Api.Client.ErrorKinds.NotFound)
        {
            return false;
        }
    }
}
