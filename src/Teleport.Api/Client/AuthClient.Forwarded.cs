using System.Net.Http.Json;
using Teleport.Api.Client.Messages;

namespace Teleport.Api.Client;

/// <summary>
/// The public calls a proxy makes on behalf of a user (login, invitations), carrying the user's
/// address in <see cref="ForwardedForHeader"/>. Auth believes the header only from a caller whose
/// certificate holds the Proxy system role, so its per-address limits, lockout and audit see the user.
/// </summary>
public sealed partial class AuthClient
{
    /// <summary>The header with the address of the user a proxy calls for.</summary>
    public const string ForwardedForHeader = "X-Forwarded-For";

    public Task<LoginResponseMessage> LoginAsync(string user, LoginRequestMessage request, string clientAddress, CancellationToken cancellationToken = default) =>
        ForwardAsync(HttpMethod.Post, $"/v1/users/{Uri.EscapeDataString(user)}/ssh/authenticate", clientAddress, JsonContent.Create(request, Json.LoginRequestMessage), Json.LoginResponseMessage, cancellationToken);

    public Task<InviteResponseMessage> GetInviteAsync(string token, string clientAddress, CancellationToken cancellationToken = default) =>
        ForwardAsync(HttpMethod.Get, $"/v1/invites/{Uri.EscapeDataString(token)}", clientAddress, null, Json.InviteResponseMessage, cancellationToken);

    public async Task CompleteInviteAsync(string token, CompleteInviteMessage request, string clientAddress, CancellationToken cancellationToken = default)
    {
        using HttpRequestMessage message = Forwarded(HttpMethod.Post, $"/v1/invites/{Uri.EscapeDataString(token)}", clientAddress, JsonContent.Create(request, Json.CompleteInviteMessage));
        using HttpResponseMessage reply = await SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> ForwardAsync<T>(HttpMethod method, string path, string clientAddress, HttpContent? content, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> response, CancellationToken cancellationToken)
    {
        using HttpRequestMessage message = Forwarded(method, path, clientAddress, content);
        using HttpResponseMessage reply = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(reply, response, cancellationToken).ConfigureAwait(false);
    }

    private static HttpRequestMessage Forwarded(HttpMethod method, string path, string clientAddress, HttpContent? content)
    {
        ArgumentNullException.ThrowIfNull(clientAddress);
        var message = new HttpRequestMessage(method, path) { Content = content };
        message.Headers.TryAddWithoutValidation(ForwardedForHeader, clientAddress);
        return message;
    }
}
