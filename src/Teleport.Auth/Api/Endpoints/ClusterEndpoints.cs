using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Teleport.Api.Client.Messages;
using Teleport.Api.Serialization;
using Teleport.Api.Types;
using Teleport.Auth.Audit;
using Teleport.Auth.Trust;
using Teleport.Ssh.Keys;

namespace Teleport.Auth.Api.Endpoints;

/// <summary>Tokens, heartbeats, certificate signing, CAs, audit events and session recordings.</summary>
internal static class ClusterEndpoints
{
    public static void Map(ApiRouter router)
    {
        AuthServer auth = router.Auth;
        router.Map("POST", "/v1/tokens", ApiPermission.Rule(ResourceKinds.Token, Verbs.Create), async (context, caller) =>
        {
            CreateTokenMessage message = await context.ReadJsonAsync(MessagesJsonContext.Default.CreateTokenMessage).ConfigureAwait(false);
            ProvisionToken token = await auth.Provisioning.CreateTokenAsync(message.Roles, RequestContext.ParseTtl(message.Ttl), message.Token, caller.Name, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = StatusCodes.Status201Created;
            await context.WriteRawJsonAsync(ResourceJson.Write(token)).ConfigureAwait(false);
        });

        // A node reports itself, and only itself: its certificate names its host id.
        router.Map("PUT", "/v1/nodes", ApiPermission.System(SystemRoles.Node), async (context, caller) =>
        {
            HeartbeatMessage message = await context.ReadJsonAsync(MessagesJsonContext.Default.HeartbeatMessage).ConfigureAwait(false);
            Server node = ResourceJson.Read<Server>(message.Node.GetRawText());
            if (caller.SystemRole == SystemRoles.Node && caller.Name != $"{node.Metadata.Name}.{auth.Name}")
            {
                throw AuthException.AccessDenied($"node {caller.Name} may not heartbeat for {node.Metadata.Name}");
            }

            Server stored = await auth.Presence.HeartbeatAsync(node, RequestContext.ParseTtl(message.Ttl), context.RequestAborted).ConfigureAwait(false);
            await context.WriteRawJsonAsync(ResourceJson.Write(stored)).ConfigureAwait(false);
        });

        router.Map("GET", "/v1/authorities/{type}", ApiPermission.Authenticated, async (context, _) =>
        {
            string type = ApiRouter.Route(context, "type");
            if (type is not (CertAuthTypes.Host or CertAuthTypes.User))
            {
                throw AuthException.BadParameter("authority type must be host or user");
            }

            await context.WriteRawJsonAsync(ResourceJson.Write(auth.Authorities.ToResource(type))).ConfigureAwait(false);
        });

        router.Map("POST", "/v1/certs/user", ApiPermission.System(), async (context, caller) =>
        {
            SignUserMessage message = await context.ReadJsonAsync(MessagesJsonContext.Default.SignUserMessage).ConfigureAwait(false);
            User user = await auth.Users.GetAsync(message.User, context.RequestAborted).ConfigureAwait(false);
            PublicKey? tlsKey = message.TlsPublicKey is null ? null : PublicEndpoints.TlsPublicKey(message.TlsPublicKey);
            IssuedUserCertificates issued = await auth.Certificates.IssueUserAsync(user, SshKeyFile.ParsePublicKey(message.SshPublicKey), tlsKey, RequestContext.ParseTtl(message.Ttl), caller.Name, context.RequestAborted).ConfigureAwait(false);
            await context.WriteJsonAsync(
                new CertificatesMessage(issued.Ssh.ToOpenSshString(), issued.Tls?.ExportCertificatePem(), [issued.HostCa.ToOpenSshString()], [issued.TlsCaPem]),
                MessagesJsonContext.Default.CertificatesMessage).ConfigureAwait(false);
        });

        router.Map("POST", "/v1/certs/host", ApiPermission.System(), async (context, caller) =>
        {
            SignHostMessage message = await context.ReadJsonAsync(MessagesJsonContext.Default.SignHostMessage).ConfigureAwait(false);
            SshCertificate certificate = await auth.Certificates.IssueOpenSshHostAsync(
                SshKeyFile.ParsePublicKey(message.SshPublicKey), message.HostName, RequestContext.ParseTtl(message.Ttl) ?? CertificateService.HostTtl, caller.Name, context.RequestAborted).ConfigureAwait(false);
            await context.WriteJsonAsync(
                new CertificatesMessage(certificate.ToOpenSshString(), null, [auth.Authorities.HostCa.PublicKey.ToOpenSshString()], [auth.Authorities.Tls.CertificatePem]),
                MessagesJsonContext.Default.CertificatesMessage).ConfigureAwait(false);
        });

        router.Map("POST", "/v1/certs/host/renew", ApiPermission.System(SystemRoles.Node, SystemRoles.Proxy), async (context, caller) =>
        {
            RenewHostMessage message = await context.ReadJsonAsync(MessagesJsonContext.Default.RenewHostMessage).ConfigureAwait(false);
            SshCertificate current;
            try
            {
                current = SshKeyFile.ParseCertificate(message.SshCertificate);
            }
            catch (SshKeyFileException e)
            {
                throw AuthException.BadParameter($"ssh_certificate: {e.Message}");
            }

            IssuedHostCertificates issued = await auth.Certificates.RenewHostAsync(caller.Name, caller.SystemRole!, current, PublicEndpoints.TlsPublicKey(message.TlsPublicKey), context.RequestAborted).ConfigureAwait(false);
            await context.WriteJsonAsync(
                new CertificatesMessage(issued.Ssh.ToOpenSshString(), issued.Tls.ExportCertificatePem(), [issued.HostCa.ToOpenSshString()], [issued.TlsCaPem]),
                MessagesJsonContext.Default.CertificatesMessage).ConfigureAwait(false);
        });

        router.Map("POST", "/v1/events", ApiPermission.System(SystemRoles.Node, SystemRoles.Proxy), async (context, caller) =>
        {
            JsonElement body = await context.ReadJsonAsync(MessagesJsonContext.Default.JsonElement).ConfigureAwait(false);
            AuditEvent auditEvent = AuditEvent.Parse(body.GetRawText());
            if (string.IsNullOrEmpty(auditEvent.Type) || string.IsNullOrEmpty(auditEvent.Code))
            {
                throw AuthException.BadParameter("an event needs \"event\" and \"code\"");
            }

            // The emitter's identity is recorded, whatever the event claims.
            // Host identities are <uuid>.<cluster>; Teleport's server_id is the uuid alone.
            string emitter = caller.Name.EndsWith("." + auth.Name, StringComparison.Ordinal) ? caller.Name[..^(auth.Name.Length + 1)] : caller.Name;
            auditEvent.With("server_id", emitter);
            await auth.Audit.EmitAsync(auditEvent, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });

        router.Map("GET", "/v1/events", ApiPermission.Rule(ResourceKinds.Event, Verbs.List), async (context, _) =>
        {
            IQueryCollection query = context.Request.Query;
            DateTimeOffset now = auth.Options.Clock.GetUtcNow();
            DateTimeOffset from = query.TryGetValue("from", out var f) ? DateTimeOffset.Parse(f!, CultureInfo.InvariantCulture) : now.AddDays(-1);
            DateTimeOffset to = query.TryGetValue("to", out var t) ? DateTimeOffset.Parse(t!, CultureInfo.InvariantCulture) : now.AddMinutes(1);
            int limit = query.TryGetValue("limit", out var l) ? int.Parse(l!, CultureInfo.InvariantCulture) : 1000;
            string[] types = [.. query["type"].Where(v => !string.IsNullOrEmpty(v)).SelectMany(v => v!.Split(','))];
            IReadOnlyList<AuditEvent> events = await auth.Audit.SearchAsync(from, to, types, limit, context.RequestAborted).ConfigureAwait(false);
            var array = new JsonArray([.. events.Select(e => JsonNode.Parse(e.ToJson()))]);
            await context.WriteRawJsonAsync(array.ToJsonString()).ConfigureAwait(false);
        });

        router.Map("PUT", "/v1/sessions/{id}/recording", ApiPermission.System(SystemRoles.Node, SystemRoles.Proxy), async (context, _) =>
        {
            if (auth.Recordings is null)
            {
                throw AuthException.BadParameter("this Auth service keeps no recordings");
            }

            await auth.Recordings.UploadAsync(ApiRouter.Route(context, "id"), context.Request.Body, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });

        router.Map("GET", "/v1/sessions/{id}/recording", ApiPermission.Rule(ResourceKinds.Session, Verbs.Read), async (context, _) =>
        {
            Stream recording = auth.Recordings?.Open(ApiRouter.Route(context, "id"))
                ?? throw AuthException.NotFound("no recording for this session");
            await using (recording.ConfigureAwait(false))
            {
                context.Response.ContentType = "application/octet-stream";
                await recording.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
            }
        });
    }
}
