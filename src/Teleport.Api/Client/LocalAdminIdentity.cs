using System.Security.Cryptography.X509Certificates;

namespace Teleport.Api.Client;

/// <summary>
/// Where the Auth service leaves the Admin identity tctl uses on the Auth host:
/// <c>&lt;data_dir&gt;/admin/admin.crt</c>, <c>admin.key</c> and the cluster CA <c>ca.crt</c>.
/// </summary>
public static class LocalAdminIdentity
{
    public const string DirectoryName = "admin";
    public const string CertificateFile = "admin.crt";
    public const string KeyFile = "admin.key";
    public const string AuthorityFile = "ca.crt";

    public static string DirectoryOf(string dataDirectory) => Path.Combine(dataDirectory, DirectoryName);

    public static bool Exists(string dataDirectory) => File.Exists(Path.Combine(DirectoryOf(dataDirectory), CertificateFile));

    /// <summary>Loads the admin certificate with its key and the cluster CA.</summary>
    public static (X509Certificate2 Certificate, X509Certificate2Collection Authorities) Load(string dataDirectory)
    {
        string directory = DirectoryOf(dataDirectory);
        using var fromPem = X509Certificate2.CreateFromPemFile(Path.Combine(directory, CertificateFile), Path.Combine(directory, KeyFile));

        // Through PKCS#12 so the key is usable by the TLS stack on any thread.
        X509Certificate2 certificate = X509CertificateLoader.LoadPkcs12(fromPem.Export(X509ContentType.Pkcs12), password: null);
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(Path.Combine(directory, AuthorityFile));
        return (certificate, authorities);
    }
}
