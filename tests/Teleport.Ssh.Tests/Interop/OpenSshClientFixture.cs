using System.Net;
using Teleport.Ssh.Keys;
using Teleport.Ssh.TestServer;

namespace Teleport.Ssh.Tests.Interop;

/// <summary>
/// One test server for a whole class of OpenSSH client tests: every algorithm enabled, host keys
/// of every type each also with a host certificate, user keys made by ssh-keygen (trusted plainly
/// and through certificates from a user CA), a password, and the known_hosts file ssh will check.
/// </summary>
public sealed class OpenSshClientFixture : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";
    public const string UserName = "tester";

    private readonly List<SshPrivateKey> _ownedKeys = [];
    private TestSshServer? _server;

    internal TempDirectory Directory { get; } = new("ssh-interop-");

    public int Port => _server!.LocalEndPoint.Port;

    public int ServerConnections => _server!.ConnectionCount;

    public SshPrivateKey UserCa { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var configuration = new TestServerConfiguration
        {
            Algorithms = new SshAlgorithms
            {
                KeyExchange = [.. SshAlgorithms.SupportedKeyExchange],
                Ciphers = [.. SshAlgorithms.SupportedCiphers],
                Macs = [.. SshAlgorithms.SupportedMacs],
            },
            HomeDirectory = Directory.Path,
        };
        configuration.Passwords[UserName] = Password;

        UserCa = Own(SshPrivateKey.Generate());
        configuration.TrustedUserCas.Add(UserCa.PublicKey);
        foreach ((string type, string file) in UserKeyFiles)
        {
            string[] bits = type == "ecdsa" ? ["-b", "256"] : type == "rsa" ? ["-b", "2048"] : [];
            ProcessResult made = await ExternalProcess.RunAsync("ssh-keygen", ["-q", "-t", type, .. bits, "-N", "", "-C", file, "-f", Directory.Combine(file)]);
            Assert.True(made.ExitCode == 0, made.ToString());
            SshPublicKey publicKey = SshKeyFile.ParsePublicKey(await File.ReadAllTextAsync(Directory.Combine(file + ".pub")));
            configuration.AuthorizedKeys.Add(publicKey);
            var certificate = new SshCertificateBuilder(publicKey, SshCertificateType.User)
            {
                KeyId = file,
                ValidAfter = DateTimeOffset.UtcNow.AddMinutes(-5),
                ValidBefore = DateTimeOffset.UtcNow.AddHours(1),
            }.WithDefaultUserExtensions();
            certificate.Principals.Add(UserName);
            await File.WriteAllTextAsync(Directory.Combine(file + "-cert.pub"), certificate.Sign(UserCa).ToOpenSshString() + "\n");
        }

        SshPrivateKey hostCa = Own(SshPrivateKey.Generate());
        var knownHosts = new List<string> { $"@cert-authority * {hostCa.PublicKey.ToOpenSshString()}" };
        foreach (string type in new[] { AlgorithmNames.Ed25519, AlgorithmNames.EcdsaNistp256, AlgorithmNames.EcdsaNistp384, AlgorithmNames.EcdsaNistp521, AlgorithmNames.Rsa })
        {
            SshPrivateKey hostKey = Own(SshPrivateKey.Generate(type, rsaBits: 3072));
            var builder = new SshCertificateBuilder(hostKey.PublicKey, SshCertificateType.Host)
            {
                KeyId = "test host",
                ValidAfter = DateTimeOffset.UtcNow.AddMinutes(-5),
                ValidBefore = DateTimeOffset.UtcNow.AddHours(1),
            };
            builder.Principals.Add("127.0.0.1");
            configuration.HostKeys.Add(hostKey);
            configuration.HostKeys.Add(new SshCertificateSigner(builder.Sign(hostCa), hostKey));
            knownHosts.Add(hostKey.PublicKey.ToOpenSshString());
        }

        _server = new TestSshServer(configuration);
        _server.Start(new IPEndPoint(IPAddress.Loopback, 0));
        await File.WriteAllLinesAsync(
            Directory.Combine("known_hosts"),
            knownHosts.Select(line => line.StartsWith('@') ? line : $"[127.0.0.1]:{Port} {line}"));
        await File.WriteAllTextAsync(Directory.Combine("askpass"), $"#!/bin/sh\necho '{Password}'\n");
        File.SetUnixFileMode(Directory.Combine("askpass"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>The key types ssh-keygen makes for the user, with their file names in the fixture directory.</summary>
    public static IReadOnlyList<(string Type, string File)> UserKeyFiles { get; } = [("ed25519", "id_ed25519"), ("ecdsa", "id_ecdsa"), ("rsa", "id_rsa")];

    /// <summary>
    /// ssh with a clean configuration, strict host key checking against the fixture's known_hosts,
    /// the given options, then the destination and the command.
    /// </summary>
    internal Task<ProcessResult> SshAsync(IEnumerable<string> options, string command, RunOptions? run = null) =>
        ExternalProcess.RunAsync("ssh", [.. BaseOptions(), .. options, $"{UserName}@127.0.0.1", command], run ?? new RunOptions());

    /// <summary>ssh options that log in with the ed25519 key, plus <paramref name="extra"/>.</summary>
    public IEnumerable<string> KeyOptions(string keyFile = "id_ed25519", params string[] extra) =>
        ["-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-i", Directory.Combine(keyFile), .. extra];

    public IEnumerable<string> BaseOptions() =>
    [
        "-F", "/dev/null",
        "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "-o", $"UserKnownHostsFile={Directory.Combine("known_hosts")}",
        "-o", "GlobalKnownHostsFile=/dev/null",
        "-o", "StrictHostKeyChecking=yes",
        "-o", "ConnectTimeout=20",
    ];

    /// <summary>Environment for password prompts answered by the askpass script.</summary>
    public IReadOnlyDictionary<string, string> AskPassEnvironment => new Dictionary<string, string>
    {
        ["SSH_ASKPASS"] = Directory.Combine("askpass"),
        ["SSH_ASKPASS_REQUIRE"] = "force",
    };

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        foreach (SshPrivateKey key in _ownedKeys)
        {
            key.Dispose();
        }

        Directory.Dispose();
    }

    private SshPrivateKey Own(SshPrivateKey key)
    {
        _ownedKeys.Add(key);
        return key;
    }
}
