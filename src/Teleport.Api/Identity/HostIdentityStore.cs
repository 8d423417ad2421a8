using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Teleport.Ssh.Keys;

namespace Teleport.Api.Identity;

/// <summary>
/// A service's identity on disk: <c>data_dir/host_uuid</c> (one per process, as in Teleport), and
/// under <c>data_dir/node/</c> or <c>data_dir/proxy/</c> the SSH host key (0600) with its
/// certificate, the TLS key (0600) with its certificate, the cluster's TLS CA and its SSH user and
/// host CA keys. A later start reuses them.
/// </summary>
public sealed class HostIdentityStore(string dataDirectory, string role)
{
    public const string HostUuidFile = "host_uuid";
    private const string SshKeyFile = "ssh_host_key";
    private const string SshCertificateFile = "ssh_host_key-cert.pub";
    private const string TlsKeyFile = "tls.key";
    private const string TlsCertificateFile = "tls.crt";
    private const string TlsAuthoritiesFile = "tls_ca.crt";
    private const string UserCaFile = "ssh_user_ca.pub";
    private const string HostCaFile = "ssh_host_ca.pub";
    private const string ClusterNameFile = "cluster_name";

    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = PrivateFile | UnixFileMode.UserExecute;

    public string Directory { get; } = Path.Combine(dataDirectory, role.ToLowerInvariant());

    /// <summary>The host id of an earlier start (kept even when the identity is incomplete), or null.</summary>
    public string? ReadHostId()
    {
        string path = Path.Combine(dataDirectory, HostUuidFile);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    public bool Exists => File.Exists(Path.Combine(Directory, TlsCertificateFile)) && File.Exists(Path.Combine(Directory, SshCertificateFile));

    public HostIdentity Load()
    {
        string hostId = ReadHostId() ?? throw new InvalidDataException($"{Path.Combine(dataDirectory, HostUuidFile)} is missing");
        SshPrivateKey sshKey = Teleport.Ssh.Keys.SshKeyFile.LoadPrivateKey(Path.Combine(Directory, SshKeyFile));
        SshCertificate sshCertificate = Teleport.Ssh.Keys.SshKeyFile.LoadCertificate(Path.Combine(Directory, SshCertificateFile));
        X509Certificate2 tls = LoadTls(File.ReadAllText(Path.Combine(Directory, TlsCertificateFile)), File.ReadAllText(Path.Combine(Directory, TlsKeyFile)));
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(Path.Combine(Directory, TlsAuthoritiesFile));
        IReadOnlyList<SshPublicKey> userCas = ReadKeys(File.ReadAllText(Path.Combine(Directory, UserCaFile)));
        string hostCaPath = Path.Combine(Directory, HostCaFile);
        IReadOnlyList<SshPublicKey> hostCas = File.Exists(hostCaPath) ? ReadKeys(File.ReadAllText(hostCaPath)) : [];
        string clusterName = File.ReadAllText(Path.Combine(Directory, ClusterNameFile)).Trim();
        return new HostIdentity(hostId, clusterName, sshKey, sshCertificate, tls, authorities, userCas, hostCas);
    }

    /// <summary>Writes every file of a fresh identity; keys are created 0600 before any byte is written.</summary>
    public void Save(string hostId, string clusterName, SshPrivateKey sshKey, string sshCertificate, ECDsa tlsKey, string tlsCertificatePem, IEnumerable<string> tlsAuthoritiesPem, IEnumerable<string> userCaKeys, IEnumerable<string> hostCaKeys)
    {
        System.IO.Directory.CreateDirectory(dataDirectory, PrivateDirectory);
        System.IO.Directory.CreateDirectory(Directory, PrivateDirectory);
        Teleport.Ssh.Keys.SshKeyFile.WritePrivateKey(Path.Combine(Directory, SshKeyFile), sshKey);
        File.WriteAllText(Path.Combine(Directory, SshCertificateFile), sshCertificate.Trim() + "\n");
        WritePrivate(Path.Combine(Directory, TlsKeyFile), tlsKey.ExportPkcs8PrivateKeyPem() + "\n");
        File.WriteAllText(Path.Combine(Directory, TlsCertificateFile), tlsCertificatePem);
        File.WriteAllText(Path.Combine(Directory, TlsAuthoritiesFile), string.Concat(tlsAuthoritiesPem.Select(p => p.EndsWith('\n') ? p : p + "\n")));
        SaveUserCaKeys(userCaKeys);
        Replace(Path.Combine(Directory, HostCaFile), string.Concat(hostCaKeys.Select(k => k.Trim() + "\n")));
        File.WriteAllText(Path.Combine(Directory, ClusterNameFile), clusterName + "\n");
        File.WriteAllText(Path.Combine(dataDirectory, HostUuidFile), hostId + "\n");
    }

    /// <summary>Replaces the certificates with renewed ones (same keys); each file is swapped whole.</summary>
    public void SaveCertificates(string sshCertificate, string tlsCertificatePem)
    {
        Replace(Path.Combine(Directory, SshCertificateFile), sshCertificate.Trim() + "\n");
        Replace(Path.Combine(Directory, TlsCertificateFile), tlsCertificatePem);
    }

    /// <summary>The TLS certificate <paramref name="certificatePem"/> with this host's TLS key, ready for mutual TLS.</summary>
    public X509Certificate2 WithTlsKey(string certificatePem) =>
        LoadTls(certificatePem, File.ReadAllText(Path.Combine(Directory, TlsKeyFile)));

    /// <summary>Keeps the user CA keys current on disk, so a restart while Auth is away still knows them.</summary>
    public void SaveUserCaKeys(IEnumerable<string> userCaKeys)
    {
        Replace(Path.Combine(Directory, UserCaFile), string.Concat(userCaKeys.Select(k => k.Trim() + "\n")));
    }

    private static void Replace(string path, string text)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    internal static X509Certificate2 LoadTls(string certificatePem, string keyPem)
    {
        using var fromPem = X509Certificate2.CreateFromPem(certificatePem, keyPem);

        // Through PKCS#12 so the key is usable by the TLS stack on any thread.
        return X509CertificateLoader.LoadPkcs12(fromPem.Export(X509ContentType.Pkcs12), password: null);
    }

    private static List<SshPublicKey> ReadKeys(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Teleport.Ssh.Keys.SshKeyFile.ParsePublicKey)];

    private static void WritePrivate(string path, string text)
    {
        File.Delete(path);
        using var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = PrivateFile });
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }
}
