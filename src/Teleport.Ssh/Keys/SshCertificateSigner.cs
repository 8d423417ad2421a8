namespace Teleport.Ssh.Keys;

/// <summary>Presents a certificate and signs with the private key it certifies.</summary>
public sealed class SshCertificateSigner : ISshSigner
{
    private readonly ISshSigner _keySigner;

    public SshCertificateSigner(SshCertificate certificate, ISshSigner keySigner)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(keySigner);
        if (!certificate.Key.Equals(keySigner.PublicKey))
        {
            throw new ArgumentException("the certificate does not certify this key", nameof(certificate));
        }

        Certificate = certificate;
        _keySigner = keySigner;
    }

    public SshCertificate Certificate { get; }

    public SshPublicKey PublicKey => Certificate;

    public ValueTask<byte[]> SignAsync(string signatureAlgorithm, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        _keySigner.SignAsync(signatureAlgorithm, data, cancellationToken);
}
