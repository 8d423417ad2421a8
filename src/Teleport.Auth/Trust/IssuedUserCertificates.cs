using System.Security.Cryptography.X509Certificates;
using Teleport.Ssh.Keys;

namespace Teleport.Auth.Trust;

/// <summary>A login's result: the SSH and TLS certificates and what a client needs to trust the cluster.</summary>
public sealed record IssuedUserCertificates(SshCertificate Ssh, X509Certificate2? Tls, SshPublicKey HostCa, string TlsCaPem);
