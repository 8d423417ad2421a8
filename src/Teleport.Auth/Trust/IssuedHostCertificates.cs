using System.Security.Cryptography.X509Certificates;
using Teleport.Ssh.Keys;

namespace Teleport.Auth.Trust;

/// <summary>A host's identity after joining: its id, its certificates, and the cluster's CAs it must trust.</summary>
public sealed record IssuedHostCertificates(string HostId, SshCertificate Ssh, X509Certificate2 Tls, string TlsCaPem, SshPublicKey HostCa, SshPublicKey UserCa);
