using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Teleport.Api.Client;
using Teleport.Auth.Trust;

namespace Teleport.Auth.Api;

/// <summary>Helpers every endpoint uses: the caller, reading a JSON body with a size bound, writing JSON.</summary>
internal static class RequestContext
{
    /// <summary>Bodies above this are refused before they are read (recordings have their own path).</summary>
    public const long MaxBodySize = 1024 * 1024;

    private const string CallerKey = "teleport.caller";

    public static Caller Caller(this HttpContext context) => (Caller)context.Items[CallerKey]!;

    public static void SetCaller(this HttpContext context, Caller caller) => context.Items[CallerKey] = caller;

    public static Caller IdentifyCaller(HttpContext context)
    {
        X509Certificate2? certificate = context.Connection.ClientCertificate;
        TlsIdentity? identity = certificate is null ? null : TlsIdentity.FromCertificate(certificate);
        return new Caller(identity, ClientAddress(context, identity));
    }

    /// <summary>
    /// The address of the person behind the call: the connection's peer, or, when the peer is a
    /// proxy of this cluster (its certificate holds the Proxy system role), the user's address
    /// it forwards in <see cref="AuthClient.ForwardedForHeader"/>. Per-address limits, lockout
    /// and the user.login event's addr.remote then see the user, not the proxy. Anyone else's
    /// header is ignored, so a client cannot pick its own address.
    /// </summary>
    public static IPAddress? ClientAddress(HttpContext context, TlsIdentity? identity)
    {
        IPAddress? peer = context.Connection.RemoteIpAddress;
        if (identity?.SystemRole != Teleport.Api.Types.SystemRoles.Proxy
            || !context.Request.Headers.TryGetValue(AuthClient.ForwardedForHeader, out Microsoft.Extensions.Primitives.StringValues forwarded)
            || forwarded.Count != 1
            || !IPAddress.TryParse(forwarded[0], out IPAddress? user))
        {
            return peer;
        }

        return user;
    }

    /// <summary>The rate limiter's partition: the same address <see cref="IdentifyCaller"/> would use.</summary>
    public static string RateLimitKey(HttpContext context)
    {
        X509Certificate2? certificate = context.Connection.ClientCertificate;
        TlsIdentity? identity = certificate is null ? null : TlsIdentity.FromCertificate(certificate);
        return ClientAddress(context, identity)?.ToString() ?? "unknown";
    }

    public static async Task<T> ReadJsonAsync<T>(this HttpContext context, JsonTypeInfo<T> type)
    {
        if (context.Request.ContentLength is > MaxBodySize)
        {
            throw AuthException.LimitExceeded($"request body of {context.Request.ContentLength} bytes exceeds {MaxBodySize}");
        }

        using var bounded = new MemoryStream();
        byte[] buffer = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (bounded.Length + read > MaxBodySize)
            {
                throw AuthException.LimitExceeded($"request body exceeds {MaxBodySize} bytes");
            }

            bounded.Write(buffer, 0, read);
        }

        bounded.Position = 0;
        return JsonSerializer.Deserialize(bounded, type) ?? throw AuthException.BadParameter("request body is empty");
    }

    public static async Task<string> ReadTextAsync(this HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        char[] buffer = new char[16 * 1024];
        var text = new System.Text.StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (text.Length + read > MaxBodySize)
            {
                throw AuthException.LimitExceeded($"request body exceeds {MaxBodySize} bytes");
            }

            text.Append(buffer, 0, read);
        }

        return text.ToString();
    }

    public static Task WriteJsonAsync<T>(this HttpContext context, T value, JsonTypeInfo<T> type)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }

    public static Task WriteRawJsonAsync(this HttpContext context, string json)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json, context.RequestAborted);
    }

    /// <summary>A Go-style duration from a request ("12h", "30m"), or null.</summary>
    public static TimeSpan? ParseTtl(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return Teleport.Api.Types.Duration.TryParse(text, out Teleport.Api.Types.Duration duration)
            ? duration.ToTimeSpan()
            : throw AuthException.BadParameter($"\"{text}\" is not a duration such as 30m or 12h");
    }
}
