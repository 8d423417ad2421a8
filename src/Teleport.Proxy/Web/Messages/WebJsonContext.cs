using System.Text.Json.Serialization;

namespace Teleport.Proxy.Web.Messages;

/// <summary>JSON for every web API message: snake_case names, nulls left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WebPingResponse))]
[JsonSerializable(typeof(WebLoginRequest))]
[JsonSerializable(typeof(WebLoginResponse))]
[JsonSerializable(typeof(WebInvitationResponse))]
[JsonSerializable(typeof(WebCompleteInvitationRequest))]
[JsonSerializable(typeof(WebCompleteInvitationResponse))]
[JsonSerializable(typeof(WebNodeList))]
[JsonSerializable(typeof(WebError))]
public sealed partial class WebJsonContext : JsonSerializerContext;
