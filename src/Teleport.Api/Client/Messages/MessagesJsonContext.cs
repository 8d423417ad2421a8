using System.Text.Json;
using System.Text.Json.Serialization;

namespace Teleport.Api.Client.Messages;

/// <summary>JSON for every Auth API message: snake_case names, nulls left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PingResponse))]
[JsonSerializable(typeof(JoinRequestMessage))]
[JsonSerializable(typeof(JoinResponseMessage))]
[JsonSerializable(typeof(LoginRequestMessage))]
[JsonSerializable(typeof(LoginResponseMessage))]
[JsonSerializable(typeof(InviteResponseMessage))]
[JsonSerializable(typeof(CompleteInviteMessage))]
[JsonSerializable(typeof(CreateUserMessage))]
[JsonSerializable(typeof(UpdateUserMessage))]
[JsonSerializable(typeof(InvitationMessage))]
[JsonSerializable(typeof(CreateTokenMessage))]
[JsonSerializable(typeof(HeartbeatMessage))]
[JsonSerializable(typeof(SignUserMessage))]
[JsonSerializable(typeof(SignHostMessage))]
[JsonSerializable(typeof(RenewHostMessage))]
[JsonSerializable(typeof(CertificatesMessage))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(IReadOnlyList<JsonElement>))]
public sealed partial class MessagesJsonContext : JsonSerializerContext;
