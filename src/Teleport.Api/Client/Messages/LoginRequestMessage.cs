namespace Teleport.Api.Client.Messages;

/// <summary>POST /v1/users/{name}/ssh/authenticate: password, second factor code and the keys to certify. TTL as a Go duration ("12h").</summary>
public sealed record LoginRequestMessage(string Password, string? OtpCode, string SshPublicKey, string? TlsPublicKey, string? Ttl);
