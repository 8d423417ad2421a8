using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Teleport.Backend;

namespace Teleport.Auth.Storage;

/// <summary>Reads and writes backend items holding one JSON value.</summary>
internal static class JsonItems
{
    public static async Task<T?> GetAsync<T>(IBackend backend, string key, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        Item? item = await backend.GetAsync(key, cancellationToken).ConfigureAwait(false);
        return item is null ? null : JsonSerializer.Deserialize(item.Value.Span, type);
    }

    public static Item Encode<T>(string key, T value, JsonTypeInfo<T> type, DateTimeOffset? expires = null) =>
        new(key, JsonSerializer.SerializeToUtf8Bytes(value, type), expires);
}
