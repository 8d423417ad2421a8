using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Teleport.Api.Client;
using Teleport.Auth.Trust;

namespace Teleport.Auth.Api;

/// <summary>
/// The identity tctl uses on the Auth host: the Auth service writes an Admin certificate and key to
/// <c>&lt;data_dir&gt;/admin/</c> (directory 0700, files 0600) at every start, as Teleport lets tctl
/// act as the local admin. Whoever can read the data directory administers the cluster.
/// </summary>
public static class AdminIdentity
{
    public static readonly TimeSpan Ttl = TimeSpan.FromDays(30);

    public static async Task WriteAsync(AuthServer auth, string dataDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auth);
        string directory = LocalAdminIdentity.DirectoryOf(dataDirectory);
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        DateTimeOffset now = auth.Options.Clock.GetUtcNow();
        using X509Certificate2 certificate = auth.Authorities.Tls.Issue(
            new TlsIdentity($"admin.{auth.Name}", [Teleport.Api.Types.SystemRoles.Admin], auth.Name, Teleport.Api.Types.SystemRoles.Admin),
            new PublicKey(key),
            now.AddMinutes(-1),
            now + Ttl);
        await WritePrivateAsync(Path.Combine(directory, LocalAdminIdentity.KeyFile), key.ExportPkcs8PrivateKeyPem(), cancellationToken).ConfigureAwait(false);
        await WritePrivateAsync(Path.Combine(directory, LocalAdminIdentity.CertificateFile), certificate.ExportCertificatePem(), cancellationToken).ConfigureAwait(false);
        await WritePrivateAsync(Path.Combine(directory, LocalAdminIdentity.AuthorityFile), auth.Authorities.Tls.CertificatePem, cancellationToken).ConfigureAwait(false);
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
