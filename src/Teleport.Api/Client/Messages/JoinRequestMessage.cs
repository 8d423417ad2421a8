namespace Teleport.Api.Client.Messages;

/// <summary>POST /v1/join: a host joining with a token. Keys: the SSH public key as an authorized_keys line, the TLS key as base64 SubjectPublicKeyInfo.</summary>
public sealed record JoinRequestMessage(string Token, string Role, string? HostId, string NodeName, string SshPublicKey, string TlsPublicKey, IReadOnlyList<string>? DnsNames);
