using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Teleport.Proxy.Web;

/// <summary>Reading a JSON body with a size bound, writing JSON, and the client's address.</summary>
internal static class WebRequests
{
    /// <summary>Web API bodies are small (keys, a password, a code): anything bigger is refused unread.</summary>
    public const int MaxBodySize = 64 * 1024;

    public static async Task<T> ReadJsonAsync<T>(this HttpContext context, JsonTypeInfo<T> type)
    {
        if (context.Request.ContentLength is > MaxBodySize)
        {
            throw WebApiException.LimitExceeded($"request body of {context.Request.ContentLength} bytes exceeds {MaxBodySize}");
        }

        using var bounded = new MemoryStream();
        byte[] buffer = new byte[8 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (bounded.Length + read > MaxBodySize)
            {
                throw WebApiException.LimitExceeded($"request body exceeds {MaxBodySize} bytes");
            }

            bounded.Write(buffer, 0, read);
        }

        if (bounded.Length == 0)
        {
            throw WebApiException.BadParameter("the request body is empty: a JSON object is required");
        }

        bounded.Position = 0;
        return JsonSerializer.Deserialize(bounded, type) ?? throw WebApiException.BadParameter("the request body must be a JSON object");
    }

    public static Task WriteJsonAsync<T>(this HttpContext context, T value, JsonTypeInfo<T> type)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }

    /// <summary>The user's address, as Auth should see it for its limits, lockout and audit.</summary>
    public static string ClientAddress(this HttpContext context) =>
        (context.Connection.RemoteIpAddress is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : context.Connection.RemoteIpAddress)?.ToString()
        ?? IPAddress.None.ToString();

    public static string Required(string? value, string field) =>
        string.IsNullOrEmpty(value) ? throw WebApiException.BadParameter($"{field} is required") : value;
}
