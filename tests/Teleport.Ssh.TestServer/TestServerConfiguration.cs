using Teleport.Ssh.Keys;

namespace Teleport.Ssh.TestServer;

/// <summary>What the test server trusts and how it presents itself.</summary>
internal sealed class TestServerConfiguration
{
    public List<ISshSigner> HostKeys { get; } = [];

    public HashSet<SshPublicKey> AuthorizedKeys { get; } = [];

    public List<SshPublicKey> TrustedUserCas { get; } = [];

    public Dictionary<string, string> Passwords { get; } = new(StringComparer.Ordinal);

    public SshAlgorithms Algorithms { get; set; } = new();

    public TimeSpan LoginGraceTime { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Re-key after this many bytes; tests set it low to make the server start re-exchanges.</summary>
    public long RekeyAfterBytes { get; set; } = 1L << 30;

    public string HomeDirectory { get; set; } = Environment.GetEnvironmentVariable("HOME") ?? "/";
}
