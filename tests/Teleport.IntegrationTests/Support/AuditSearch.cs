using System.Text.Json;
using Teleport.Api.Client;

namespace Teleport.IntegrationTests.Support;

/// <summary>The cluster's audit log as tctl would search it: the node emits asynchronously, so a search polls until a match appears.</summary>
internal static class AuditSearch
{
    /// <summary>The first event of <paramref name="type"/> since <paramref name="since"/> that matches, waiting up to 20 s for it.</summary>
    public static async Task<JsonElement> WaitForAsync(AuthProcess auth, DateTimeOffset since, string type, Func<JsonElement, bool> match, string what)
    {
        using AuthClient admin = auth.Admin();
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        IReadOnlyList<JsonElement> events = [];
        while (DateTime.UtcNow < deadline)
        {
            events = await admin.SearchEventsAsync(since.AddSeconds(-5), DateTimeOffset.UtcNow.AddMinutes(1), [type]);
            foreach (JsonElement found in events)
            {
                if (match(found))
                {
                    return found;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no {type} event {what} among {events.Count}: {string.Join('\n', events.Select(e => e.GetRawText()))}");
    }

    public static string? Text(this JsonElement auditEvent, string field) =>
        auditEvent.TryGetProperty(field, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
