using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Teleport.Api.Config;

namespace Teleport.Proxy.Web;

/// <summary>
/// The web port's certificate: the first of <c>https_keypairs</c>, or a self-signed one (P-256)
/// made on the first start and kept in <c>data_dir</c> as <c>webproxy_key.pem</c> (0600) and
/// <c>webproxy_cert.pem</c>, Teleport's file names, made again when it expires.
/// </summary>
internal static class WebCertificate
{
    public const string KeyFileName = "webproxy_key.pem";
    public const string CertFileName = "webproxy_cert.pem";
    private static readonly TimeSpan SelfSignedLifetime = TimeSpan.FromDays(365);

    public static X509Certificate2 Load(ProxyServiceOptions options, ILogger logger)
    {
        if (options.HttpsKeyPairs.Count > 0)
        {
            KeyPairConfig pair = options.HttpsKeyPairs[0];
            using X509Certificate2 configured = X509Certificate2.CreateFromPemFile(pair.CertFile, pair.KeyFile);
            logger.LogInformation("Web certificate from {CertFile} for {Subject}", pair.CertFile, configured.Subject);
            return ForKestrel(configured);
        }

        string keyPath = Path.Combine(options.DataDir, KeyFileName);
        string certPath = Path.Combine(options.DataDir, CertFileName);
        DateTimeOffset now = options.Clock.GetUtcNow();
        if (File.Exists(keyPath) && File.Exists(certPath))
        {
            using X509Certificate2 kept = X509Certificate2.CreateFromPemFile(certPath, keyPath);
            if (kept.NotAfter.ToUniversalTime() > now.UtcDateTime.AddDays(1))
            {
                return ForKestrel(kept);
            }

            logger.LogInformation("The self-signed web certificate in {Path} expires on {NotAfter}: making a new one", certPath, kept.NotAfter);
        }

        using X509Certificate2 created = CreateSelfSigned(SubjectNames(options), now);
        Directory.CreateDirectory(options.DataDir);
        using (ECDsa key = created.GetECDsaPrivateKey()!)
        {
            File.WriteAllText(keyPath, string.Empty);
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        }

        File.WriteAllText(certPath, created.ExportCertificatePem());
        logger.LogWarning("No https_keypairs configured: the web port uses a self-signed certificate ({CertFile}); clients need --insecure or that certificate", certPath);
        return ForKestrel(created);
    }

    /// <summary>Public host, node name, localhost and 127.0.0.1, as Teleport's self-signed certificate names.</summary>
    private static IReadOnlyList<string> SubjectNames(ProxyServiceOptions options)
    {
        string publicHost = options.PublicAddr.LastIndexOf(':') is int colon and > 0 ? options.PublicAddr[..colon].Trim('[', ']') : options.PublicAddr;
        return [.. new[] { publicHost, options.NodeName, "localhost", "127.0.0.1" }.Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static X509Certificate2 CreateSelfSigned(IReadOnlyList<string> names, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName("Teleport");
        subject.AddCommonName(names[0]);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));
        var san = new SubjectAlternativeNameBuilder();
        foreach (string name in names)
        {
            if (IPAddress.TryParse(name, out IPAddress? address))
            {
                san.AddIpAddress(address);
            }
            else
            {
                san.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(san.Build());
        return request.CreateSelfSigned(now.AddMinutes(-1), now + SelfSignedLifetime);
    }

    /// <summary>Kestrel wants a certificate whose key it can use on any thread: round-trip through PKCS#12.</summary>
    private static X509Certificate2 ForKestrel(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
}
