using Teleport.Api.Identity;
using Teleport.Api.Rbac;
using Teleport.Api.Types;
using Teleport.Srv.Audit;
using Teleport.Srv.Cluster;
using Teleport.Ssh.Auth;
using Teleport.Ssh.Keys;

namespace Teleport.Srv.Access;

/// <summary>
/// Who may log in to this node: only a user certificate signed by the cluster's user CA, valid now,
/// with the login among its principals, whose roles (as Auth defines them now, deny first) allow
/// that login on a node with these labels. Every refusal is audited and explained to the client.
/// </summary>
internal sealed class NodeAuthenticator(ClusterCache cluster, NodeContext node) : SshServerAuthenticator
{
    private const string PlainKeyMessage = "this node accepts only certificates issued by the cluster, not plain keys: log in with tsh login (or get one with tctl auth sign --user)";
    private static readonly IReadOnlyList<string> Methods = [AuthMethodNames.PublicKey];

    public override IReadOnlyList<string> GetMethods(UserAuthContext context) => Methods;

    /// <summary>
    /// OpenSSH offers plain keys before the certificate made from them: they are refused at the
    /// query step (and audited) without a banner, which would otherwise be printed on every
    /// successful login. A client that signs with a plain key without asking gets the message.
    /// </summary>
    public override ValueTask<bool> CanTryPublicKeyAsync(UserAuthContext context, SshPublicKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (key is SshCertificate)
        {
            return ValueTask.FromResult(true);
        }

        _ = Refuse(context, null, PlainKeyMessage);
        return ValueTask.FromResult(false);
    }

    public override async ValueTask<AuthResult> AuthenticatePublicKeyAsync(UserAuthContext context, SshPublicKey key, CancellationToken cancellationToken)
    {
        AuthResult result = Authenticate(context, key, final: false, out bool unknownRole);
        if (unknownRole)
        {
            await cluster.RefreshSoonAsync(cancellationToken).ConfigureAwait(false);
            result = Authenticate(context, key, final: true, out _);
        }

        return result;
    }

    /// <summary>One evaluation; with <paramref name="final"/> false an unknown role asks for a fresh look instead of a refusal.</summary>
    private AuthResult Authenticate(UserAuthContext context, SshPublicKey key, bool final, out bool unknownRole)
    {
        unknownRole = false;
        ArgumentNullException.ThrowIfNull(context);
        if (key is not SshCertificate certificate)
        {
            return Refuse(context, null, PlainKeyMessage);
        }

        var checker = new SshCertificateChecker(cluster.UserCaKeys, node.Clock);
        CertificateCheckResult check = checker.Check(certificate, SshCertificateType.User, context.UserName, context.RemoteAddress);
        if (!check.IsValid)
        {
            string hint = check.Error!.Contains("expired", StringComparison.Ordinal) || check.Error.Contains("untrusted", StringComparison.Ordinal)
                ? ": log in again with tsh login"
                : string.Empty;
            return Refuse(context, certificate.KeyId, $"access denied to {context.UserName} on {node.NodeName}: {check.Error}{hint}");
        }

        if (cluster.Roles is not { } roles)
        {
            return Refuse(context, certificate.KeyId, $"{node.NodeName} has not received the cluster's roles from the Auth server yet: try again shortly");
        }

        var userRoles = new List<Role>();
        foreach (string name in TeleportCertExtensions.ReadRoles(certificate))
        {
            if (!roles.TryGetValue(name, out Role? role))
            {
                if (!final)
                {
                    unknownRole = true;
                    return AuthResult.Failure;
                }

                return Refuse(context, certificate.KeyId, $"access denied to {context.UserName} on {node.NodeName}: role {name} does not exist (any more): log in again with tsh login");
            }

            userRoles.Add(role);
        }

        var traits = ValueMap.From(TeleportCertExtensions.ReadTraits(certificate).Select(t => KeyValuePair.Create(t.Key, ValueList.From(t.Value))));
        var access = new AccessChecker(userRoles, traits);
        AccessDecision decision = access.CheckLogin(node.Labels, context.UserName);
        if (!decision.IsAllowed)
        {
            return Refuse(context, certificate.KeyId, $"{decision.Reason.Replace("this node", node.NodeName, StringComparison.Ordinal)}");
        }

        return AuthResult.Success(new NodeUser(certificate.KeyId, context.UserName, certificate, access));
    }

    private AuthResult Refuse(UserAuthContext context, string? user, string message)
    {
        node.Audit.Emit(new AuditEventBuilder(AuditEventCodes.Auth, AuditEventCodes.AuthFailureCode, node.Clock.GetUtcNow())
            .Set("user", user ?? string.Empty)
            .Set("login", context.UserName)
            .Set("success", false)
            .Set("error", message)
            .Set("addr.remote", context.RemoteEndPoint?.ToString())
            .Set("server_hostname", node.NodeName));
        return AuthResult.Denied(message);
    }
}
