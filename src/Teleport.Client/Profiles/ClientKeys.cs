using System.Security.Cryptography.X509Certificates;
using Teleport.Ssh.Keys;

namespace Teleport.Client.Profiles;

/// <summary>
/// What login leaves in <c>~/.tsh</c> for one user at one proxy: the SSH key and its certificate,
/// the TLS key and certificate, the cluster's TLS CA and its SSH host CA keys.
/// </summary>
public sealed class ClientKeys(
    SshPrivateKey sshKey,
    SshCertificate sshCertificate,
    string tlsCertificatePem,
    string tlsKeyPem,
    IReadOnlyList<string> tlsCaCertificatesPem,
    IReadOnlyList<SshPublicKey> hostCertificateAuthorities)
{
    public SshPrivateKey SshKey { get; } = sshKey;

    public SshCertificate SshCertificate { get; } = sshCertificate;

    public string TlsCertificatePem { get; } = tlsCertificatePem;

    public string TlsKeyPem { get; } = tlsKeyPem;

    public IReadOnlyList<string> TlsCaCertificatesPem { get; } = tlsCaCertificatesPem;

    public IReadOnlyList<SshPublicKey> HostCertificateAuthorities { get; } = hostCertificateAuthorities;

    /// <summary>Signs SSH user authentication with the key and presents the certificate.</summary>
    public ISshSigner Signer => new SshCertificateSigner(SshCertificate, SshKey);

    public DateTimeOffset ValidBefore => SshCertificate.ValidBefore >= (ulong)DateTimeOffset.MaxValue.ToUnixTimeSeconds()
        ? DateTimeOffset.MaxValue
        : DateTimeOffset.FromUnixTimeSeconds((long)SshCertificate.ValidBefore);

    public bool IsExpired(TimeProvider clock) => clock.GetUtcNow() >= ValidBefore;

    /// <summary>The TLS client certificate with its private key, for the web API's mutual TLS.</summary>
    public X509Certificate2 LoadTlsCertificate()
    {
        if (TlsCertificatePem.Length == 0)
        {
            throw new ClientException("the profile holds no TLS certificate; log in again with tsh login");
        }

        return X509Certificate2.CreateFromPem(TlsCertificatePem, TlsKeyPem);
    }
}
