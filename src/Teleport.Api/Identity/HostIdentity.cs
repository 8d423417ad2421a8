using System.Security.Cryptography.X509Certificates;
using Teleport.Ssh.Keys;

namespace Teleport.Api.Identity;

/// <summary>
/// What a node holds after joining: its host id, its SSH host key and certificate (signed by the
/// cluster's host CA), its TLS certificate for the Auth API, and the CAs it trusts. Nothing else
/// on the node is secret.
/// </summary>
public sealed class HostIdentity(
    string hostId,
    string clusterName,
    SshPrivateKey sshKey,
    SshCertificate sshCertificate,
    X509Certificate2 tlsCertificate,
    X509Certificate2Collection tlsAuthorities,
    IReadOnlyList<SshPublicKey> userCaKeys,
    IReadOnlyList<SshPublicKey> hostCaKeys) : IDisposable
{
    public string HostId { get; } = hostId;

    public string ClusterName { get; } = clusterName;

    public SshPrivateKey SshKey { get; } = sshKey;

    public SshCertificate SshCertificate { get; } = sshCertificate;

    /// <summary>The TLS client certificate, with its private key, for calls to Auth.</summary>
    public X509Certificate2 TlsCertificate { get; } = tlsCertificate;

    public X509Certificate2Collection TlsAuthorities { get; } = tlsAuthorities;

    /// <summary>The user CA keys known at join time; the cluster cache keeps them current.</summary>
    public IReadOnlyList<SshPublicKey> UserCaKeys { get; } = userCaKeys;

    /// <summary>
    /// The host CA keys known at join time: a node behind a reverse tunnel checks the proxy's host
    /// certificate against them (empty for an identity stored before they were kept).
    /// </summary>
    public IReadOnlyList<SshPublicKey> HostCaKeys { get; } = hostCaKeys;

    /// <summary>The host key the SSH server presents: the key with its certificate.</summary>
    public ISshSigner HostSigner => new SshCertificateSigner(SshCertificate, SshKey);

    public void Dispose()
    {
        SshKey.Dispose();
        TlsCertificate.Dispose();
    }
}
