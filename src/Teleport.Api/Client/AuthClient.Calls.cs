using System.Globalization;
using System.Text;
using System.Text.Json;
using Teleport.Api.Client.Messages;
using Teleport.Api.Serialization;
using Teleport.Api.Types;

namespace Teleport.Api.Client;

/// <summary>The Auth API's calls, one method each (documented in docs/api.md).</summary>
public sealed partial class AuthClient
{
    private static MessagesJsonContext Json => MessagesJsonContext.Default;

    public Task<PingResponse> PingAsync(CancellationToken cancellationToken = default) =>
        GetAsync("/v1/ping", Json.PingResponse, cancellationToken);

    public Task<JoinResponseMessage> JoinAsync(JoinRequestMessage request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "/v1/join", request, Json.JoinRequestMessage, Json.JoinResponseMessage, cancellationToken);

    /// <summary>
    /// The same join sent to a proxy's web API (<c>POST /webapi/host/credentials</c>), which
    /// forwards it to Auth: for hosts configured with <c>proxy_server</c>.
    /// </summary>
    public Task<JoinResponseMessage> JoinThroughProxyAsync(JoinRequestMessage request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "/webapi/host/credentials", request, Json.JoinRequestMessage, Json.JoinResponseMessage, cancellationToken);

    /// <summary>A proxy forwarding a node's join (<c>/webapi/host/credentials</c>) with the node's address, so Auth's limits and audit see the node.</summary>
    public Task<JoinResponseMessage> JoinAsync(JoinRequestMessage request, string clientAddress, CancellationToken cancellationToken = default) =>
        ForwardAsync(HttpMethod.Post, "/v1/join", clientAddress, System.Net.Http.Json.JsonContent.Create(request, Json.JoinRequestMessage), Json.JoinResponseMessage, cancellationToken);

    public Task<LoginResponseMessage> LoginAsync(string user, LoginRequestMessage request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"/v1/users/{Uri.EscapeDataString(user)}/ssh/authenticate", request, Json.LoginRequestMessage, Json.LoginResponseMessage, cancellationToken);

    public Task<InviteResponseMessage> GetInviteAsync(string token, CancellationToken cancellationToken = default) =>
        GetAsync($"/v1/invites/{Uri.EscapeDataString(token)}", Json.InviteResponseMessage, cancellationToken);

    public Task CompleteInviteAsync(string token, CompleteInviteMessage request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"/v1/invites/{Uri.EscapeDataString(token)}", request, Json.CompleteInviteMessage, cancellationToken);

    public Task<InvitationMessage> CreateUserAsync(CreateUserMessage request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "/v1/users", request, Json.CreateUserMessage, Json.InvitationMessage, cancellationToken);

    public async Task<User> UpdateUserAsync(string name, UpdateUserMessage request, CancellationToken cancellationToken = default) =>
        ResourceJson.Read<User>((await SendAsync(HttpMethod.Put, $"/v1/users/{Uri.EscapeDataString(name)}", request, Json.UpdateUserMessage, Json.JsonElement, cancellationToken).ConfigureAwait(false)).GetRawText());

    public Task<InvitationMessage> ResetUserAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"/v1/users/{Uri.EscapeDataString(name)}/reset", new UpdateUserMessage(null, null), Json.UpdateUserMessage, Json.InvitationMessage, cancellationToken);

    /// <summary>Every resource of <paramref name="kind"/> the caller may see (user, role, token, node, cert_authority, cluster_name).</summary>
    public async Task<IReadOnlyList<IResource>> GetResourcesAsync(string kind, CancellationToken cancellationToken = default) =>
        ResourceJson.ReadAll((await GetAsync($"/v1/resources/{Uri.EscapeDataString(kind)}", Json.JsonElement, cancellationToken).ConfigureAwait(false)).GetRawText());

    public async Task<IResource> GetResourceAsync(string kind, string name, CancellationToken cancellationToken = default) =>
        ResourceJson.Read((await GetAsync($"/v1/resources/{Uri.EscapeDataString(kind)}/{Uri.EscapeDataString(name)}", Json.JsonElement, cancellationToken).ConfigureAwait(false)).GetRawText());

    /// <summary>tctl create: <paramref name="force"/> replaces an existing resource (tctl create -f).</summary>
    public async Task<IResource> CreateResourceAsync(IResource resource, bool force, CancellationToken cancellationToken = default)
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(ResourceJson.Write(resource)));
        using var message = new HttpRequestMessage(force ? HttpMethod.Put : HttpMethod.Post, "/v1/resources") { Content = new StreamContent(body) };
        message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using HttpResponseMessage reply = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        string json;
        try
        {
            json = await reply.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw ConnectionLost(e);
        }

        return ResourceJson.Read(json);
    }

    public Task DeleteResourceAsync(string kind, string name, CancellationToken cancellationToken = default) =>
        DeleteAsync($"/v1/resources/{Uri.EscapeDataString(kind)}/{Uri.EscapeDataString(name)}", cancellationToken);

    public async Task<ProvisionToken> CreateTokenAsync(CreateTokenMessage request, CancellationToken cancellationToken = default) =>
        ResourceJson.Read<ProvisionToken>((await SendAsync(HttpMethod.Post, "/v1/tokens", request, Json.CreateTokenMessage, Json.JsonElement, cancellationToken).ConfigureAwait(false)).GetRawText());

    public async Task<Server> HeartbeatAsync(Server node, TimeSpan? ttl, CancellationToken cancellationToken = default)
    {
        JsonElement nodeJson = JsonDocument.Parse(ResourceJson.Write(node)).RootElement;
        string? ttlText = ttl is null ? null : Duration.FromTimeSpan(ttl.Value).ToString();
        JsonElement stored = await SendAsync(HttpMethod.Put, "/v1/nodes", new HeartbeatMessage(nodeJson, ttlText), Json.HeartbeatMessage, Json.JsonElement, cancellationToken).ConfigureAwait(false);
        return ResourceJson.Read<Server>(stored.GetRawText());
    }

    public async Task<CertAuthority> GetAuthorityAsync(string type, CancellationToken cancellationToken = default) =>
        ResourceJson.Read<CertAuthority>((await GetAsync($"/v1/authorities/{Uri.EscapeDataString(type)}", Json.JsonElement, cancellationToken).ConfigureAwait(false)).GetRawText());

    public Task<CertificatesMessage> SignUserAsync(SignUserMessage request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "/v1/certs/user", request, Json.SignUserMessage, Json.CertificatesMessage, cancellationToken);

    public Task<CertificatesMessage> SignHostAsync(SignHostMessage request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "/v1/certs/host", request, Json.SignHostMessage, Json.CertificatesMessage, cancellationToken);

    /// <summary>A joined host's fresh certificates for its current keys (the host renews before they expire).</summary>
    public Task<CertificatesMessage> RenewHostAsync(RenewHostMessage request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "/v1/certs/host/renew", request, Json.RenewHostMessage, Json.CertificatesMessage, cancellationToken);

    /// <summary>Records an audit event (nodes and proxies): a JSON object with at least "event" and "code".</summary>
    public Task EmitEventAsync(JsonElement auditEvent, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "/v1/events", auditEvent, Json.JsonElement, cancellationToken);

    /// <summary>Audit events in [from, to), oldest first, optionally of the given types.</summary>
    public async Task<IReadOnlyList<JsonElement>> SearchEventsAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string>? types = null, int limit = 1000, CancellationToken cancellationToken = default)
    {
        var query = new StringBuilder("/v1/events?from=")
            .Append(Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture)))
            .Append("&to=").Append(Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture)))
            .Append("&limit=").Append(limit.ToString(CultureInfo.InvariantCulture));
        if (types is { Count: > 0 })
        {
            query.Append("&type=").Append(Uri.EscapeDataString(string.Join(',', types)));
        }

        JsonElement events = await GetAsync(query.ToString(), Json.JsonElement, cancellationToken).ConfigureAwait(false);
        return [.. events.EnumerateArray().Select(e => e.Clone())];
    }

    public Task UploadRecordingAsync(string sessionId, Stream recording, CancellationToken cancellationToken = default) =>
        SendBytesAsync(HttpMethod.Put, $"/v1/sessions/{Uri.EscapeDataString(sessionId)}/recording", recording, cancellationToken);

    public Task<byte[]> GetRecordingAsync(string sessionId, CancellationToken cancellationToken = default) =>
        GetBytesAsync($"/v1/sessions/{Uri.EscapeDataString(sessionId)}/recording", cancellationToken);
}
