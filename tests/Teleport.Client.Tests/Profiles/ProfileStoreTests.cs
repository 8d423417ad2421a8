using Teleport.Client.Profiles;
using Teleport.Ssh.Keys;

namespace Teleport.Client.Tests.Profiles;

public sealed class ProfileStoreTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = Private | UnixFileMode.UserExecute;
    private readonly TempDirectory _home = new("tsh-profile-");

    [Fact]
    public void A_saved_profile_reads_back_with_its_keys_in_Teleports_layout_and_private_modes()
    {
        var store = new ProfileStore(_home.Path);
        var profile = new ClientProfile("proxy.example.com:3080", "proxy.example.com:3023", "alice", "example", Insecure: true);
        ClientKeys keys = TestKeys.Create(DateTimeOffset.UtcNow.AddHours(1), out SshPrivateKey hostAuthority);

        store.Save(profile, keys);

        Assert.Equal("proxy.example.com\n", File.ReadAllText(_home.Combine("current-profile")));
        Assert.Equal(profile, store.CurrentProfile());
        string keyDirectory = _home.Combine("keys", "proxy.example.com");
        foreach (string file in new[] { "alice", "alice.pub", "alice-ssh/example-cert.pub", "alice-x509.pem", "alice-x509-key.pem", "cas/example.pem" })
        {
            string path = Path.Combine(keyDirectory, file);
            Assert.True(File.Exists(path), path);
            Assert.Equal(Private, File.GetUnixFileMode(path));
        }

        foreach (string directory in new[] { _home.Path, _home.Combine("keys"), keyDirectory, Path.Combine(keyDirectory, "alice-ssh"), Path.Combine(keyDirectory, "cas") })
        {
            Assert.Equal(PrivateDirectory, File.GetUnixFileMode(directory));
        }

        Assert.Equal(Private, File.GetUnixFileMode(_home.Combine("proxy.example.com.yaml")));
        string yaml = File.ReadAllText(_home.Combine("proxy.example.com.yaml"));
        Assert.Contains("web_proxy_addr: proxy.example.com:3080\n", yaml, StringComparison.Ordinal);
        Assert.Contains("insecure: true\n", yaml, StringComparison.Ordinal);

        ClientKeys loaded = store.LoadKeys(profile);
        Assert.Equal(keys.SshCertificate, loaded.SshCertificate);
        Assert.Equal(keys.SshKey.PublicKey, loaded.SshKey.PublicKey);
        Assert.Equal(keys.TlsKeyPem, loaded.TlsKeyPem);
        Assert.Equal([hostAuthority.PublicKey], loaded.HostCertificateAuthorities);
        Assert.Equal(keys.SshKey.PublicKey.ToOpenSshString() + "\n", File.ReadAllText(Path.Combine(keyDirectory, "alice.pub")));
    }

    [Fact]
    public void Known_hosts_keeps_other_clusters_lines_and_replaces_this_clusters()
    {
        var store = new ProfileStore(_home.Path);
        string other = "@cert-authority *.other " + Ed25519PrivateKey.Generate().PublicKey.ToOpenSshString();
        Directory.CreateDirectory(_home.Path);
        File.WriteAllText(store.KnownHostsPath, other + "\n");
        var profile = new ClientProfile("proxy:3080", "proxy:3023", "alice", "example", Insecure: false);

        store.Save(profile, TestKeys.Create(DateTimeOffset.UtcNow.AddHours(1), out _));
        store.Save(profile, TestKeys.Create(DateTimeOffset.UtcNow.AddHours(1), out SshPrivateKey second));

        string[] lines = File.ReadAllLines(store.KnownHostsPath);
        Assert.Equal(2, lines.Length);
        Assert.Equal(other, lines[0]);
        Assert.StartsWith("@cert-authority *.example,[*.example]:*,proxy,[proxy]:* ssh-ed25519 ", lines[1], StringComparison.Ordinal);
        Assert.Equal([second.PublicKey], KnownHostsLines.AuthoritiesFor(File.ReadAllText(store.KnownHostsPath), "example"));
    }

    [Fact]
    public void Logout_removes_the_keys_profile_and_known_hosts_lines()
    {
        var store = new ProfileStore(_home.Path);
        var profile = new ClientProfile("proxy:3080", "proxy:3023", "alice", "example", Insecure: false);
        store.Save(profile, TestKeys.Create(DateTimeOffset.UtcNow.AddHours(1), out _));

        Assert.True(store.Remove(profile));

        Assert.Null(store.CurrentProfile());
        Assert.False(Directory.Exists(store.KeyDirectory("proxy")));
        Assert.False(File.Exists(store.ProfilePath("proxy")));
        Assert.Equal(string.Empty, File.ReadAllText(store.KnownHostsPath));
    }

    [Fact]
    public void Nobody_logged_in_and_an_expired_certificate_give_the_messages_that_say_what_to_do()
    {
        var store = new ProfileStore(_home.Path);
        var notLoggedIn = Assert.Throws<ClientException>(() => ActiveProfile.Load(store, TimeProvider.System));
        Assert.StartsWith("not logged in", notLoggedIn.Message, StringComparison.Ordinal);

        var profile = new ClientProfile("proxy:3080", "proxy:3023", "alice", "example", Insecure: false);
        store.Save(profile, TestKeys.Create(DateTimeOffset.UtcNow.AddSeconds(-5), out _));
        var expired = Assert.Throws<ClientException>(() => ActiveProfile.Load(store, TimeProvider.System));
        Assert.Equal("your credentials have expired, please log in again: tsh login --proxy=proxy:3080", expired.Message);
        Assert.NotNull(ActiveProfile.Load(store, TimeProvider.System, allowExpired: true));
    }

    [Fact]
    public void Status_shows_roles_logins_and_expiry()
    {
        var profile = new ClientProfile("proxy:3080", "proxy:3023", "alice", "example", Insecure: false);
        string valid = ProfileStatus.Format(profile, TestKeys.Create(DateTimeOffset.UtcNow.AddHours(2), out _), TimeProvider.System);
        Assert.Contains("Logged in as:       alice\n", valid, StringComparison.Ordinal);
        Assert.Contains("Roles:              access\n", valid, StringComparison.Ordinal);
        Assert.Contains("Logins:             root, alice\n", valid, StringComparison.Ordinal);
        Assert.Matches(@"\[valid for 1h59m5\ds\]", valid);

        string expired = ProfileStatus.Format(profile, TestKeys.Create(DateTimeOffset.UtcNow.AddSeconds(-1), out _), TimeProvider.System);
        Assert.Contains("[EXPIRED]", expired, StringComparison.Ordinal);
    }

    public void Dispose() => _home.Dispose();
}
