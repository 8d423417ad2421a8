using System.Text.Json.Serialization;

namespace Teleport.Commands;

/// <summary>lower_snake_case, nulls left out: attributes serialize as size, uid, gid, permissions, access_time, modify_time.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SftpAuditLine))]
internal sealed partial class SftpAuditJsonContext : JsonSerializerContext;
