using System.Text.Json.Serialization;

namespace Teleport.Api.Identity;

/// <summary>The JSON in the teleport-roles certificate extension: <c>{"version":"v1","roles":[...]}</c>.</summary>
internal sealed record RolesExtensionValue(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("roles")] string[] Roles);
