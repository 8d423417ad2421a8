using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Teleport.Srv.Audit;

[JsonSerializable(typeof(JsonObject))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
