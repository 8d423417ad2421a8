using System.Text.Json;
using System.Text.Json.Nodes;

namespace Teleport.Srv.Audit;

/// <summary>
/// One audit event as Teleport shapes it: <c>event</c>, <c>code</c>, <c>time</c> and the event's
/// own fields. Auth adds <c>uid</c>, <c>ei</c> and <c>cluster_name</c>, and stamps <c>server_id</c>
/// with the emitter's identity.
/// </summary>
public sealed class AuditEventBuilder
{
    private readonly JsonObject _fields = [];

    public AuditEventBuilder(string type, string code, DateTimeOffset time)
    {
        Type = type;
        _fields["event"] = type;
        _fields["code"] = code;
        _fields["time"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
    }

    public string Type { get; }

    public AuditEventBuilder Set(string name, string? value)
    {
        if (value is not null)
        {
            _fields[name] = value;
        }

        return this;
    }

    public AuditEventBuilder Set(string name, long value)
    {
        _fields[name] = value;
        return this;
    }

    public AuditEventBuilder Set(string name, bool value)
    {
        _fields[name] = value;
        return this;
    }

    public AuditEventBuilder Set(string name, IEnumerable<string> values)
    {
        _fields[name] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
        return this;
    }

    public JsonElement ToJson() => JsonSerializer.SerializeToElement(_fields, AuditJsonContext.Default.JsonObject);
}
