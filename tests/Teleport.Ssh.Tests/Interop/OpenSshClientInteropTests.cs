using Xunit.Abstractions;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Teleport.Ssh.Tests.Support;

namespace Teleport.Ssh.Tests.Interop;

/// <summary>OpenSSH's ssh (Debian's 9.2) against our server: algorithms, logins, sessions, forwarding.</summary>
public sealed partial class OpenSshClientInteropTests(OpenSshClientFixture fixture, ITestOutputHelper output) : IClassFixture<OpenSshClientFixture>
{
    public static TheoryData<string> KeyExchanges => [.. SshAlgorithms.SupportedKeyExchange];

    public static TheoryData<string, string> CiphersAndMacs()
    {
        var data = new TheoryData<string, string>();
        foreach (string cipher in SshAlgorithms.SupportedCiphers)
        {
            if (cipher.Contains("-ctr", StringComparison.Ordinal))
            {
                foreach (string mac in SshAlgorithms.SupportedMacs)
                {
                    data.Add(cipher, mac);
                }
            }
            else
            {
                data.Add(cipher, AlgorithmNames.HmacSha256Etm);
            }
        }

        return data;
    }

    public static TheoryData<string> HostKeyAlgorithms => [.. SshAlgorithms.SupportedPublicKeyAlgorithms];

    [Theory]
    [MemberData(nameof(KeyExchanges))]
    public async Task Every_key_exchange_works(string kex)
    {
        ProcessResult result = await fixture.SshAsync(fixture.KeyOptions(extra: ["-o", $"KexAlgorithms={kex}"]), "echo ok");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("ok\n", result.StandardOutput);
    }

    [Theory]
    [MemberData(nameof(CiphersAndMacs))]
    public async Task Every_cipher_works(string cipher, string mac)
    {
        ProcessResult result = await fixture.SshAsync(fixture.KeyOptions(extra: ["-o", $"Ciphers={cipher}", "-o", $"MACs={mac}", "-v"]), "echo ok");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("ok\n", result.StandardOutput);
        Assert.Contains($"server->client cipher: {cipher}", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HostKeyAlgorithms))]
    public async Task Every_host_key_type_and_host_certificate_is_verified(string algorithm)
    {
        ProcessResult result = await fixture.SshAsync(fixture.KeyOptions(extra: ["-o", $"HostKeyAlgorithms={algorithm}", "-v"]), "echo ok");
        output.WriteLine(result.ToString());
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"kex: host key algorithm: {algorithm}", result.StandardError, StringComparison.Ordinal);
        if (algorithm.Contains("-cert-", StringComparison.Ordinal))
        {
            Assert.Contains("Found CA key in", result.StandardError, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("id_ed25519")]
    [InlineData("id_ecdsa")]
    [InlineData("id_rsa")]
    public async Task Plain_keys_of_every_type_log_in(string keyFile)
    {
        ProcessResult result = await fixture.SshAsync(fixture.KeyOptions(keyFile, "-o", "CertificateFile=none"), "echo ok");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("ok\n", result.StandardOutput);
    }

    [Theory]
    [InlineData("id_ed25519")]
    [InlineData("id_ecdsa")]
    [InlineData("id_rsa")]
    public async Task User_certificates_we_signed_log_in(string keyFile)
    {
        ProcessResult result = await fixture.SshAsync(
            fixture.KeyOptions(keyFile, "-o", $"CertificateFile={fixture.Directory.Combine(keyFile + "-cert.pub")}", "-v"),
            "echo ok");
        output.WriteLine(result.ToString());
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"Server accepts key: .*-CERT", result.StandardError);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("keyboard-interactive")]
    public async Task Password_and_keyboard_interactive_log_in(string method)
    {
        ProcessResult result = await fixture.SshAsync(
            ["-o", $"PreferredAuthentications={method}", "-o", "PubkeyAuthentication=no", "-o", "NumberOfPasswordPrompts=1"],
            "echo ok",
            new RunOptions { Environment = fixture.AskPassEnvironment });
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("ok\n", result.StandardOutput);
    }

    [Fact]
    public async Task A_wrong_password_is_refused()
    {
        var environment = new Dictionary<string, string>(fixture.AskPassEnvironment) { ["SSH_ASKPASS"] = "/bin/false" };
        ProcessResult result = await fixture.SshAsync(
            ["-o", "PreferredAuthentications=password", "-o", "PubkeyAuthentication=no", "-o", "NumberOfPasswordPrompts=1"],
            "echo ok",
            new RunOptions { Environment = environment });
        Assert.Equal(255, result.ExitCode);
        Assert.Contains("Permission denied", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Standard_streams_and_exit_code_pass_through()
    {
        ProcessResult result = await fixture.SshAsync(
            fixture.KeyOptions(),
            "tr a-z A-Z; echo to-stderr >&2; exit 7",
            new RunOptions { StandardInput = new MemoryStream("hello\n"u8.ToArray()) });
        Assert.Equal(7, result.ExitCode);
        Assert.Equal("HELLO\n", result.StandardOutput);
        Assert.Equal("to-stderr\n", result.StandardError);
    }

    [Fact]
    public async Task A_command_killed_by_a_signal_is_reported_as_exit_signal()
    {
        ProcessResult result = await fixture.SshAsync(fixture.KeyOptions(extra: ["-v"]), "kill -TERM $$");
        Assert.Equal(255, result.ExitCode);
        Assert.Contains("rtype exit-signal", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Environment_requests_for_LANG_and_LC_are_accepted()
    {
        ProcessResult result = await fixture.SshAsync(
            fixture.KeyOptions(extra: ["-o", "SendEnv=LC_TELEPORT_TEST"]),
            "echo $LC_TELEPORT_TEST",
            new RunOptions { Environment = new Dictionary<string, string> { ["LC_TELEPORT_TEST"] = "passed" } });
        Assert.Equal("passed\n", result.StandardOutput);
    }

    [Fact]
    public async Task Hundred_megabytes_each_way_arrive_intact()
    {
        const int size = 100 * 1000 * 1000;
        string path = fixture.Directory.Combine("payload.bin");
        byte[] payload = RandomNumberGenerator.GetBytes(size);
        await File.WriteAllBytesAsync(path, payload);
        string expected = Convert.ToHexStringLower(SHA256.HashData(payload));

        ProcessResult upload = await fixture.SshAsync(fixture.KeyOptions(), "sha256sum", new RunOptions { StandardInput = File.OpenRead(path), Timeout = TimeSpan.FromMinutes(3) });
        Assert.True(upload.ExitCode == 0, upload.ToString());
        Assert.StartsWith(expected, upload.StandardOutput, StringComparison.Ordinal);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var sink = new HashingStream(hash);
        ProcessResult download = await fixture.SshAsync(fixture.KeyOptions(), $"cat {path}", new RunOptions { StandardOutput = sink, Timeout = TimeSpan.FromMinutes(3) });
        Assert.True(download.ExitCode == 0, download.ToString());
        Assert.Equal(size, sink.Length);
        Assert.Equal(expected, Convert.ToHexStringLower(hash.GetHashAndReset()));
        File.Delete(path);
    }

    [Fact]
    public async Task Ten_sessions_share_one_ControlMaster_connection()
    {
        string control = fixture.Directory.Combine("control-" + Guid.NewGuid().ToString("N")[..8]);
        int before = fixture.ServerConnections;
        ProcessResult master = await fixture.SshAsync(fixture.KeyOptions(extra: ["-M", "-S", control, "-f", "-N", "-o", "ControlPersist=no"]), string.Empty);
        Assert.True(master.ExitCode == 0, master.ToString());
        try
        {
            ProcessResult[] sessions = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
                fixture.SshAsync(fixture.KeyOptions(extra: ["-S", control]), $"sleep 0.3; echo session {i}")));
            for (int i = 0; i < sessions.Length; i++)
            {
                Assert.True(sessions[i].ExitCode == 0, sessions[i].ToString());
                Assert.Equal($"session {i}\n", sessions[i].StandardOutput);
            }

            Assert.Equal(before + 1, fixture.ServerConnections);
        }
        finally
        {
            await fixture.SshAsync(["-S", control, "-O", "exit"], string.Empty);
        }
    }

    [Fact]
    public async Task Local_forwarding_reaches_a_service_behind_the_server()
    {
        await using var echo = new EchoServer();
        int localPort = Ports.Free();
        using var ssh = ExternalProcess.Start("ssh", [.. fixture.BaseOptions(), .. fixture.KeyOptions(extra: ["-N", "-o", "ExitOnForwardFailure=yes", "-L", $"127.0.0.1:{localPort}:127.0.0.1:{echo.Port}"]), $"{OpenSshClientFixture.UserName}@127.0.0.1"]);
        try
        {
            await Eventually.WaitAsync(() => Ports.Accepts(localPort), "the -L listener");
            Assert.Equal("through the tunnel", await EchoServer.RoundTripAsync(localPort, "through the tunnel"));
        }
        finally
        {
            ssh.Kill();
        }
    }

    [Fact]
    public async Task Remote_forwarding_brings_server_side_connections_back_to_the_client()
    {
        await using var echo = new EchoServer();
        using var ssh = ExternalProcess.Start("ssh", [.. fixture.BaseOptions(), .. fixture.KeyOptions(extra: ["-N", "-o", "ExitOnForwardFailure=yes", "-R", $"127.0.0.1:0:127.0.0.1:{echo.Port}"]), $"{OpenSshClientFixture.UserName}@127.0.0.1"]);
        try
        {
            string? line = await ssh.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Match allocated = AllocatedPort().Match(line ?? string.Empty);
            Assert.True(allocated.Success, line);
            int port = int.Parse(allocated.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal("back through", await EchoServer.RoundTripAsync(port, "back through"));
        }
        finally
        {
            ssh.Kill();
        }
    }

    [Fact]
    public async Task Agent_forwarding_makes_the_client_agent_visible_to_the_server()
    {
        using var agent = await Agent.OpenSshAgentProcess.StartAsync(fixture.Directory.Combine("agent-" + Guid.NewGuid().ToString("N")[..8]));
        ProcessResult added = await ExternalProcess.RunAsync("ssh-add", [fixture.Directory.Combine("id_ecdsa")], agent.SocketPath);
        Assert.True(added.ExitCode == 0, added.ToString());

        ProcessResult result = await fixture.SshAsync(fixture.KeyOptions(extra: ["-A"]), "ssh-add -l", new RunOptions { AuthSocket = agent.SocketPath });
        output.WriteLine(result.ToString());
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("id_ecdsa", result.StandardOutput, StringComparison.Ordinal);

        ProcessResult withoutA = await fixture.SshAsync(fixture.KeyOptions(extra: ["-a"]), "ssh-add -l", new RunOptions { AuthSocket = agent.SocketPath });
        Assert.NotEqual(0, withoutA.ExitCode);
    }

    [GeneratedRegex(@"Allocated port (\d+) for remote forward")]
    private static partial Regex AllocatedPort();
}
