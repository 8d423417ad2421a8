using System.Text.Json.Serialization;

namespace Teleport.Auth.Storage;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(UserCredentials))]
[JsonSerializable(typeof(LoginAttempts))]
[JsonSerializable(typeof(StoredCertificateAuthority))]
[JsonSerializable(typeof(Invitation))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
