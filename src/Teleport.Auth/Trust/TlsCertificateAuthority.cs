using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Teleport.Auth.Trust;

/// <summary>
/// The cluster's TLS CA: a self-signed ECDSA P-256 certificate whose key signs the certificates
/// every component and user presents to the Auth API (mutual TLS).
/// </summary>
public sealed class TlsCertificateAuthority : IDisposable
{
    private readonly ECDsa _key;

    private TlsCertificateAuthority(X509Certificate2 certificate, ECDsa key)
    {
        Certificate = certificate;
        _key = key;
    }

    /// <summary>The CA certificate (public).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Creates a new CA for <paramref name="clusterName"/>, valid ten years.</summary>
    public static TlsCertificateAuthority Create(string clusterName, DateTimeOffset now)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName(clusterName);
        subject.AddCommonName(clusterName);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(TlsIdentity.Utf8Extension(TlsIdentity.ClusterNameOid, clusterName));
        X509Certificate2 certificate = request.CreateSelfSigned(now.AddMinutes(-1), now.AddYears(10));
        return new TlsCertificateAuthority(X509CertificateLoader.LoadCertificate(certificate.RawData), key);
    }

    /// <summary>Restores a CA from its PEM certificate and PKCS#8 key.</summary>
    public static TlsCertificateAuthority FromPem(string certificatePem, ReadOnlySpan<byte> pkcs8Key)
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(pkcs8Key, out _);
        return new TlsCertificateAuthority(X509Certificate2.CreateFromPem(certificatePem), key);
    }

    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>The private key, PKCS#8, for the backend (it never leaves the Auth service).</summary>
    public byte[] ExportPrivateKey() => _key.ExportPkcs8PrivateKey();

    /// <summary>
    /// Teleport's CA pin: <c>sha256:</c> and the hex SHA-256 of the CA's SubjectPublicKeyInfo, which a
    /// joining host compares before it trusts anything the Auth service says.
    /// </summary>
    public string Pin => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Certificate.PublicKey.ExportSubjectPublicKeyInfo()));

    /// <summary>
    /// Signs a certificate for <paramref name="subjectKey"/> carrying <paramref name="identity"/>,
    /// usable for client and server authentication, with the given DNS names and IP addresses.
    /// </summary>
    public X509Certificate2 Issue(TlsIdentity identity, PublicKey subjectKey, DateTimeOffset notBefore, DateTimeOffset notAfter, IEnumerable<string>? dnsNames = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(subjectKey);
        var request = new CertificateRequest(identity.ToSubject(), subjectKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication"), new Oid("1.3.6.1.5.5.7.3.2", "Client Authentication")], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        request.CertificateExtensions.Add(TlsIdentity.Utf8Extension(TlsIdentity.ClusterNameOid, identity.ClusterName));
        if (identity.SystemRole is not null)
        {
            request.CertificateExtensions.Add(TlsIdentity.Utf8Extension(TlsIdentity.SystemRoleOid, identity.SystemRole));
        }

        if (identity.Traits is { Count: > 0 } traits)
        {
            request.CertificateExtensions.Add(TlsIdentity.Utf8Extension(Teleport.Api.Identity.TeleportTlsExtensions.TraitsOid, Teleport.Api.Identity.TeleportCertExtensions.WriteTraits(traits)));
        }

        var names = new SubjectAlternativeNameBuilder();
        bool anyName = false;
        foreach (string name in dnsNames ?? [])
        {
            if (IPAddress.TryParse(name, out IPAddress? address))
            {
                names.AddIpAddress(address);
            }
            else
            {
                names.AddDnsName(name);
            }

            anyName = true;
        }

        if (anyName)
        {
            request.CertificateExtensions.Add(names.Build());
        }

        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        // A leaf never outlives its CA.
        var caNotAfter = new DateTimeOffset(Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        DateTimeOffset end = notAfter < caNotAfter ? notAfter : caNotAfter;
        using X509Certificate2 issued = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), notBefore, end, serial);
        return X509CertificateLoader.LoadCertificate(issued.RawData);
    }

    /// <summary>True when <paramref name="certificate"/> chains to this CA alone and is valid at <paramref name="now"/>.</summary>
    public bool Verifies(X509Certificate2 certificate, DateTimeOffset now) =>
        Teleport.Api.Identity.ClusterCertificateChain.IsIssuedBy(certificate, [Certificate], now);

    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }
}
