using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Teleport.Api.Config;
using Teleport.Proxy.Web;

namespace Teleport.Proxy.Tests.Web;

/// <summary>The web port's certificate: configured key pairs, or a self-signed one kept in data_dir.</summary>
public sealed class WebCertificateTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("proxy-web-cert-").FullName;

    [Fact]
    public void A_self_signed_certificate_is_made_once_with_teleports_names_and_a_private_key_file()
    {
        ProxyServiceOptions options = Options([]);
        using X509Certificate2 first = WebCertificate.Load(options, NullLogger.Instance);
        using X509Certificate2 second = WebCertificate.Load(options, NullLogger.Instance);
        Assert.Equal(first.Thumbprint, second.Thumbprint);
        Assert.True(first.HasPrivateKey);
        Assert.NotNull(first.GetECDsaPublicKey());
        string keyFile = Path.Combine(_dataDir, WebCertificate.KeyFileName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.True(File.Exists(Path.Combine(_dataDir, WebCertificate.CertFileName)));

        var names = first.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["proxy.example.com", "proxy1", "localhost"], names.EnumerateDnsNames());
        Assert.Equal([IPAddress.Loopback], names.EnumerateIPAddresses());
    }

    [Fact]
    public void Configured_https_keypairs_are_served_instead()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=teleport.example.com", key, HashAlgorithmName.SHA256);
        using X509Certificate2 issued = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(30));
        string certFile = Path.Combine(_dataDir, "fullchain.pem");
        string keyFile = Path.Combine(_dataDir, "key.pem");
        File.WriteAllText(certFile, issued.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());

        using X509Certificate2 served = WebCertificate.Load(Options([new KeyPairConfig { CertFile = certFile, KeyFile = keyFile }]), NullLogger.Instance);
        Assert.Equal(issued.Thumbprint, served.Thumbprint);
        Assert.True(served.HasPrivateKey);
        Assert.False(File.Exists(Path.Combine(_dataDir, WebCertificate.KeyFileName)));
    }

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    private ProxyServiceOptions Options(IReadOnlyList<KeyPairConfig> keyPairs) => new()
    {
        DataDir = _dataDir,
        NodeName = "proxy1",
        AuthServer = "127.0.0.1:3025",
        WebListenAddr = new IPEndPoint(IPAddress.Loopback, 0),
        SshListenAddr = new IPEndPoint(IPAddress.Loopback, 0),
        TunnelListenAddr = new IPEndPoint(IPAddress.Loopback, 0),
        PublicAddr = "proxy.example.com:3080",
        SshPublicAddr = "proxy.example.com:3023",
        TunnelPublicAddr = "proxy.example.com:3024",
        HttpsKeyPairs = keyPairs,
    };
}
