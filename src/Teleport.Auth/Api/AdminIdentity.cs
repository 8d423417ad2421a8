using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Teleport.Auth.Trust;

namespace Teleport.Auth.Api;

/// <summary>
/// The identity tctl uses on the Auth host: the Auth service writes an Admin certificate and key to
/// <c>&lt;data_dir&gt;/admin/</c> (directory 0700, files 0600) at every start, as Teleport lets tctl
/// act as the local admin. Whoever can read the data directory administers the cluster.
/// </summary>
public static class AdminIdentity
{
    public const string DirectoryName = "admin";
    public const string CertificateFile = "admin.crt";
    public const string KeyFile = "admin.key";
    public const string AuthorityFile = "ca.crt";

    public static readonly TimeSpan Ttl = TimeSpan.FromDays(30);

    public static string DirectoryOf(string dataDirectory) => Path.Combine(dataDirectory, DirectoryName);

    public static async Task WriteAsync(AuthServer auth, string dataDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auth);
        string directory = DirectoryOf(dataDirectory);
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        DateTimeOffset now = auth.Options.Clock.GetUtcNow();
        using X509Certificate2 certificate = auth.Authorities.Tls.Issue(
            new TlsIdentity($"admin.{auth.Name}", [Teleport.Api.Types.SystemRoles.Admin], auth.Name, Teleport.Api.Types.SystemRoles.Admin),
            new PublicKey(key),
            now.AddMinutes(-1),
            now + Ttl);
        await WritePrivateAsync(Path.Combine(directory, KeyFile), key.ExportPkcs8PrivateKeyPem(), cancellationToken).ConfigureAwait(false);
        await WritePrivateAsync(Path.Combine(directory, CertificateFile), certificate.ExportCertificatePem(), cancellationToken).ConfigureAwait(false);
        await WritePrivateAsync(Path.Combine(directory, AuthorityFile), auth.Authorities.Tls.CertificatePem, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Loads the admin certificate with its key and the cluster CA, for tctl.</summary>
    public static (X509Certificate2 Certificate, X509Certificate2Collection Authorities) Load(string dataDirectory)
    {
        string directory = DirectoryOf(dataDirectory);
        using var fromPem = X509Certificate2.CreateFromPemFile(Path.Combine(directory, CertificateFile), Path.Combine(directory, KeyFile));
        var certificate = X509CertificateLoader.LoadPkcs12(fromPem.Export(X509ContentType.Pkcs12), password: null);
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(Path.Combine(directory, AuthorityFile));
        return (certificate, authorities);
    }

    /// <summary>Writes through a temporary file created 0600 and a rename, so the file is never briefly readable by others.</summary>
    private static async Task WritePrivateAsync(string path, string content, CancellationToken cancellationToken)
    {
        string temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
        var file = new FileStream(temporary, options);
        await using (file.ConfigureAwait(false))
        {
            await file.WriteAsync(System.Text.Encoding.UTF8.GetBytes(content), cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
