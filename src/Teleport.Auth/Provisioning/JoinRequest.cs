using System.Security.Cryptography.X509Certificates;
using Teleport.Ssh.Keys;

namespace Teleport.Auth.Provisioning;

/// <summary>A host asking to join: the token it was given, the role it wants, who it is and its public keys.</summary>
public sealed record JoinRequest(string Token, string Role, string? HostId, string NodeName, SshPublicKey SshKey, PublicKey TlsKey, IReadOnlyList<string> DnsNames);
