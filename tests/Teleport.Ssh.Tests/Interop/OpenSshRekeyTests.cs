using System.Net;
using System.Security.Cryptography;
using Teleport.Ssh.Keys;
using Teleport.Ssh.TestServer;

namespace Teleport.Ssh.Tests.Interop;

/// <summary>Key re-exchange with OpenSSH in the middle of a transfer, started by either side.</summary>
public sealed class OpenSshRekeyTests : IAsyncLifetime
{
    private const int Size = 20 * 1000 * 1000;
    private readonly TempDirectory _directory = new("ssh-rekey-");
    private readonly SshPrivateKey _hostKey = SshPrivateKey.Generate();
    private TestSshServer? _server;

    public async Task InitializeAsync()
    {
        ProcessResult made = await ExternalProcess.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", _directory.Combine("id_ed25519")]);
        Assert.True(made.ExitCode == 0, made.ToString());
        var configuration = new TestServerConfiguration { HomeDirectory = _directory.Path, RekeyAfterBytes = 1024 * 1024 };
        configuration.HostKeys.Add(_hostKey);
        configuration.AuthorizedKeys.Add(SshKeyFile.LoadPublicKey(_directory.Combine("id_ed25519.pub")));
        _server = new TestSshServer(configuration);
        _server.Start(new IPEndPoint(IPAddress.Loopback, 0));
        await File.WriteAllTextAsync(_directory.Combine("known_hosts"), $"[127.0.0.1]:{_server.LocalEndPoint.Port} {_hostKey.PublicKey.ToOpenSshString()}\n");
    }

    [Theory]
    [InlineData("server", "default")]
    [InlineData("client", "1M")]
    public async Task A_transfer_survives_many_re_exchanges(string initiator, string clientRekeyLimit)
    {
        byte[] payload = RandomNumberGenerator.GetBytes(Size);
        string expected = Convert.ToHexStringLower(SHA256.HashData(payload));
        ProcessResult result = await ExternalProcess.RunAsync(
            "ssh",
            [
                "-F", "/dev/null", "-p", _server!.LocalEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-o", $"UserKnownHostsFile={_directory.Combine("known_hosts")}", "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes", "-i", _directory.Combine("id_ed25519"), "-o", $"RekeyLimit={clientRekeyLimit}", "-v",
                "tester@127.0.0.1", "sha256sum",
            ],
            new RunOptions { StandardInput = new MemoryStream(payload), Timeout = TimeSpan.FromMinutes(2) });

        Assert.True(result.ExitCode == 0, $"{initiator}: {result}");
        Assert.StartsWith(expected, result.StandardOutput, StringComparison.Ordinal);

        // ssh -v logs each KEXINIT it receives; more than the first means re-exchanges happened.
        int exchanges = result.StandardError.Split('\n').Count(line => line.Contains("SSH2_MSG_KEXINIT received", StringComparison.Ordinal));
        Assert.True(exchanges > 5, $"{initiator}: only {exchanges} key exchanges");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _hostKey.Dispose();
        _directory.Dispose();
    }
}
