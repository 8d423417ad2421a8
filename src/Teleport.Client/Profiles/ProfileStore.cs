using System.Text;
using Teleport.Ssh.Keys;

namespace Teleport.Client.Profiles;

/// <summary>
/// The <c>~/.tsh</c> directory (or <c>TELEPORT_HOME</c>), laid out like Teleport's:
/// <c>current-profile</c>, <c>&lt;proxy&gt;.yaml</c>, <c>known_hosts</c>, and under
/// <c>keys/&lt;proxy&gt;/</c> the user's key, certificates and the cluster's TLS CA.
/// </summary>
public sealed class ProfileStore(string home)
{
    public const string HomeVariable = "TELEPORT_HOME";
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const int MaxFileSize = 1024 * 1024;

    public string Home { get; } = Path.GetFullPath(home);

    public string KnownHostsPath => Path.Combine(Home, "known_hosts");

    public string CurrentProfilePath => Path.Combine(Home, "current-profile");

    /// <summary>TELEPORT_HOME, else ~/.tsh.</summary>
    public static ProfileStore Default()
    {
        string? home = Environment.GetEnvironmentVariable(HomeVariable);
        return new ProfileStore(string.IsNullOrEmpty(home)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".tsh")
            : home);
    }

    public string ProfilePath(string proxyHost) => Path.Combine(Home, proxyHost + ".yaml");

    public string KeyDirectory(string proxyHost) => Path.Combine(Home, "keys", proxyHost);

    public string PrivateKeyPath(string proxyHost, string user) => Path.Combine(KeyDirectory(proxyHost), user);

    public string PublicKeyPath(string proxyHost, string user) => Path.Combine(KeyDirectory(proxyHost), user + ".pub");

    public string SshCertificatePath(string proxyHost, string user, string cluster) => Path.Combine(KeyDirectory(proxyHost), user + "-ssh", cluster + "-cert.pub");

    public string TlsCertificatePath(string proxyHost, string user) => Path.Combine(KeyDirectory(proxyHost), user + "-x509.pem");

    public string TlsKeyPath(string proxyHost, string user) => Path.Combine(KeyDirectory(proxyHost), user + "-x509-key.pem");

    public string TlsCaPath(string proxyHost, string cluster) => Path.Combine(KeyDirectory(proxyHost), "cas", cluster + ".pem");

    /// <summary>The profile named by current-profile, or null when nobody is logged in.</summary>
    public ClientProfile? CurrentProfile()
    {
        if (!File.Exists(CurrentProfilePath))
        {
            return null;
        }

        string proxyHost = ReadText(CurrentProfilePath).Trim();
        return proxyHost.Length == 0 ? null : Profile(proxyHost);
    }

    /// <summary>The profile for <paramref name="proxyHost"/>, or null.</summary>
    public ClientProfile? Profile(string proxyHost)
    {
        string path = ProfilePath(proxyHost);
        return File.Exists(path) ? ClientProfile.Parse(ReadText(path), path) : null;
    }

    /// <summary>Writes the profile and its keys and makes it current. Directories 0700, files 0600.</summary>
    public void Save(ClientProfile profile, ClientKeys keys)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(keys);
        string proxy = profile.ProxyHost;
        CreatePrivateDirectory(Home);
        CreatePrivateDirectory(Path.Combine(Home, "keys"));
        CreatePrivateDirectory(KeyDirectory(proxy));
        CreatePrivateDirectory(Path.GetDirectoryName(SshCertificatePath(proxy, profile.User, profile.Cluster))!);
        CreatePrivateDirectory(Path.GetDirectoryName(TlsCaPath(proxy, profile.Cluster))!);

        string keyPath = PrivateKeyPath(proxy, profile.User);
        File.Delete(keyPath);
        SshKeyFile.WritePrivateKey(keyPath, keys.SshKey);
        File.SetUnixFileMode(keyPath, PrivateFile);
        WritePrivate(PublicKeyPath(proxy, profile.User), keys.SshKey.PublicKey.ToOpenSshString() + "\n");
        WritePrivate(SshCertificatePath(proxy, profile.User, profile.Cluster), keys.SshCertificate.ToOpenSshString() + "\n");
        WritePrivate(TlsKeyPath(proxy, profile.User), keys.TlsKeyPem);
        WritePrivate(TlsCertificatePath(proxy, profile.User), keys.TlsCertificatePem);
        WritePrivate(TlsCaPath(proxy, profile.Cluster), string.Concat(keys.TlsCaCertificatesPem.Select(pem => pem.EndsWith('\n') ? pem : pem + "\n")));
        UpdateKnownHosts(profile.Cluster, proxy, keys.HostCertificateAuthorities);
        WritePrivate(ProfilePath(proxy), profile.ToYaml());
        WritePrivate(CurrentProfilePath, proxy + "\n");
    }

    /// <summary>Reads the keys of <paramref name="profile"/>; throws a "log in" error when they are missing.</summary>
    public ClientKeys LoadKeys(ClientProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        string proxy = profile.ProxyHost;
        string keyPath = PrivateKeyPath(proxy, profile.User);
        string certificatePath = SshCertificatePath(proxy, profile.User, profile.Cluster);
        if (!File.Exists(keyPath) || !File.Exists(certificatePath))
        {
            throw new ClientException($"not logged in: no keys for {profile.User} at {proxy}; log in with tsh login --proxy={profile.WebProxyAddr}");
        }

        try
        {
            string tlsCertificatePath = TlsCertificatePath(proxy, profile.User);
            string tlsKeyPath = TlsKeyPath(proxy, profile.User);
            string caPath = TlsCaPath(proxy, profile.Cluster);
            return new ClientKeys(
                SshKeyFile.LoadPrivateKey(keyPath),
                SshKeyFile.LoadCertificate(certificatePath),
                File.Exists(tlsCertificatePath) ? ReadText(tlsCertificatePath) : string.Empty,
                File.Exists(tlsKeyPath) ? ReadText(tlsKeyPath) : string.Empty,
                File.Exists(caPath) ? [ReadText(caPath)] : [],
                File.Exists(KnownHostsPath) ? KnownHostsLines.AuthoritiesFor(ReadText(KnownHostsPath), profile.Cluster) : []);
        }
        catch (SshKeyFileException e)
        {
            throw new ClientException($"cannot read the keys in {KeyDirectory(proxy)}: {e.Message}; log in again with tsh login", e);
        }
    }

    /// <summary>tsh logout: the keys, the profile and its known_hosts lines go; other profiles stay.</summary>
    public bool Remove(ClientProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        string proxy = profile.ProxyHost;
        bool removed = false;
        if (Directory.Exists(KeyDirectory(proxy)))
        {
            Directory.Delete(KeyDirectory(proxy), recursive: true);
            removed = true;
        }

        if (File.Exists(ProfilePath(proxy)))
        {
            File.Delete(ProfilePath(proxy));
            removed = true;
        }

        UpdateKnownHosts(profile.Cluster, proxy, []);
        if (File.Exists(CurrentProfilePath) && ReadText(CurrentProfilePath).Trim() == proxy)
        {
            File.Delete(CurrentProfilePath);
        }

        return removed;
    }

    private void UpdateKnownHosts(string cluster, string proxyHost, IReadOnlyList<SshPublicKey> authorities)
    {
        var text = new StringBuilder();
        if (File.Exists(KnownHostsPath))
        {
            foreach (string line in ReadText(KnownHostsPath).Split('\n'))
            {
                if (line.Length > 0 && !KnownHostsLines.IsForCluster(line, cluster))
                {
                    text.Append(line).Append('\n');
                }
            }
        }

        foreach (SshPublicKey authority in authorities)
        {
            text.Append(KnownHostsLines.Format(cluster, proxyHost, authority)).Append('\n');
        }

        if (text.Length > 0 || File.Exists(KnownHostsPath))
        {
            WritePrivate(KnownHostsPath, text.ToString());
        }
    }

    private static void CreatePrivateDirectory(string path)
    {
        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, PrivateDirectory);
        }

        File.SetUnixFileMode(path, PrivateDirectory);
    }

    /// <summary>Writes through a temporary file created 0600, then renames, so no reader sees half a file.</summary>
    private static void WritePrivate(string path, string contents)
    {
        string temporary = path + ".tmp";
        File.Delete(temporary);
        using (var stream = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = PrivateFile }))
        {
            stream.Write(Encoding.UTF8.GetBytes(contents));
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static string ReadText(string path)
    {
        var info = new FileInfo(path);
        if (info.Length > MaxFileSize)
        {
            throw new ClientException($"{path} is larger than {MaxFileSize} bytes");
        }

        return File.ReadAllText(path);
    }
}
