using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Teleport.Auth.Audit;

/// <summary>
/// One audit event: a flat JSON object with Teleport's common fields (<c>event</c>, <c>code</c>,
/// <c>uid</c>, <c>time</c>, <c>ei</c>, <c>cluster_name</c>, <c>user</c>) and the event's own fields.
/// </summary>
public sealed class AuditEvent
{
    private readonly JsonObject _fields;

    private AuditEvent(JsonObject fields) => _fields = fields;

    /// <summary>A new event of <paramref name="type"/>; uid, time, index and cluster are filled in when it is emitted.</summary>
    public static AuditEvent Create(AuditEventType type, string? user = null)
    {
        var fields = new JsonObject
        {
            ["event"] = type.Name,
            ["code"] = type.Code,
        };
        if (user is not null)
        {
            fields["user"] = user;
        }

        return new AuditEvent(fields);
    }

    public static AuditEvent Parse(string json) =>
        new(JsonNode.Parse(json) as JsonObject ?? throw new JsonException("an audit event must be a JSON object"));

    public string Type => (string?)_fields["event"] ?? string.Empty;

    public string Code => (string?)_fields["code"] ?? string.Empty;

    public string Uid => (string?)_fields["uid"] ?? string.Empty;

    public DateTimeOffset Time => _fields["time"] is { } time ? DateTimeOffset.Parse((string)time!, CultureInfo.InvariantCulture) : default;

    public long Index => (long?)_fields["ei"] ?? 0;

    public string? User => (string?)_fields["user"];

    /// <summary>A field by name, or null.</summary>
    public JsonNode? this[string name] => _fields[name];

    /// <summary>Sets a field (strings, numbers, booleans, string lists, nested objects).</summary>
    public AuditEvent With(string name, JsonNode? value)
    {
        _fields[name] = value;
        return this;
    }

    public AuditEvent With(string name, IEnumerable<string> values) => With(name, new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]));

    internal void Stamp(string uid, DateTimeOffset time, long index, string clusterName)
    {
        _fields["uid"] = uid;
        _fields["time"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        _fields["ei"] = index;
        _fields["cluster_name"] = clusterName;
    }

    public string ToJson() => _fields.ToJsonString();

    public override string ToString() => ToJson();
}
