using System.Text.Json.Serialization;

namespace Teleport.Api.Identity;

[JsonSerializable(typeof(RolesExtensionValue))]
[JsonSerializable(typeof(Dictionary<string, string[]>))]
internal sealed partial class CertExtensionJsonContext : JsonSerializerContext;
