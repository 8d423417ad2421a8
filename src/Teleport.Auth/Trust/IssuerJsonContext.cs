using System.Text.Json.Serialization;

namespace Teleport.Auth.Trust;

[JsonSerializable(typeof(RolesExtensionValue))]
[JsonSerializable(typeof(Dictionary<string, string[]>))]
internal sealed partial class IssuerJsonContext : JsonSerializerContext;
