using System.Text.Json.Serialization;

namespace Teleport.Api.Client;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ApiError))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
