using System.Text;
using Teleport.Ssh.Auth;
using Teleport.Ssh.Connection;
using Teleport.Ssh.Connection.Session;
using Teleport.Ssh.Keys;

namespace Teleport.Ssh.Tests.Interop;

/// <summary>Our client against OpenSSH's sshd: certificate login, exec, host certificate checks, forwarding.</summary>
public sealed class OpenSshServerInteropTests(OpenSshServerFixture sshd) : IClassFixture<OpenSshServerFixture>
{
    [Fact]
    public async Task A_user_certificate_logs_in_and_runs_a_command()
    {
        using SshPrivateKey key = SshPrivateKey.Generate();
        await using SshConnection connection = await ConnectAsync(key, sshd.SignUser(key, [sshd.UserName]));
        Assert.IsType<SshCertificate>(connection.ServerHostKey);
        Assert.StartsWith("SSH-2.0-OpenSSH_9.2", connection.RemoteVersion, StringComparison.Ordinal);

        (string stdout, string stderr, SessionExit exit) = await RunAsync(connection, "printf '%s' \"$USER\"; cat; echo oops >&2; exit 3", "piped input");
        Assert.Equal(sshd.UserName + "piped input", stdout);
        Assert.Equal("oops\n", stderr);
        Assert.Equal(3, exit.ExitCode);
    }

    [Fact]
    public async Task Several_sessions_and_a_direct_tcpip_channel_share_one_connection()
    {
        using SshPrivateKey key = SshPrivateKey.Generate(AlgorithmNames.EcdsaNistp256);
        await using SshConnection connection = await ConnectAsync(key, sshd.SignUser(key, [sshd.UserName]));
        (string, string, SessionExit)[] results = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => RunAsync(connection, $"echo {i}", null)));
        for (int i = 0; i < results.Length; i++)
        {
            Assert.Equal($"{i}\n", results[i].Item1);
        }

        await using var echo = new EchoServer();
        SshChannel tunnel = await connection.OpenDirectTcpIpAsync("127.0.0.1", echo.Port);
        await using Stream stream = tunnel.GetStream();
        await stream.WriteAsync("via sshd"u8.ToArray());
        byte[] back = new byte[8];
        await stream.ReadExactlyAsync(back);
        Assert.Equal("via sshd", Encoding.UTF8.GetString(back));
    }

    [Fact]
    public async Task A_host_certificate_from_an_unknown_CA_is_refused()
    {
        using SshPrivateKey key = SshPrivateKey.Generate();
        using SshPrivateKey otherCa = SshPrivateKey.Generate();
        var error = await Assert.ThrowsAnyAsync<SshConnectionException>(() => ConnectAsync(key, sshd.SignUser(key, [sshd.UserName]), trustedHostCa: otherCa.PublicKey));
        Assert.Equal(DisconnectReason.HostKeyNotVerifiable, error.Reason);
    }

    [Fact]
    public async Task A_certificate_without_the_login_among_its_principals_is_refused()
    {
        using SshPrivateKey key = SshPrivateKey.Generate();
        var error = await Assert.ThrowsAsync<SshAuthenticationException>(() => ConnectAsync(key, sshd.SignUser(key, ["somebody-else"])));
        Assert.Contains("publickey", error.AllowedMethods);
    }

    [Fact]
    public async Task An_expired_certificate_is_refused()
    {
        using SshPrivateKey key = SshPrivateKey.Generate();
        SshCertificate expired = sshd.SignUser(key, [sshd.UserName], TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow.AddHours(-1));
        await Assert.ThrowsAsync<SshAuthenticationException>(() => ConnectAsync(key, expired));
    }

    [Fact]
    public async Task A_revoked_host_CA_is_refused_even_when_also_trusted()
    {
        using SshPrivateKey key = SshPrivateKey.Generate();
        string knownHosts = $"@cert-authority * {sshd.HostCa.PublicKey.ToOpenSshString()}\n@revoked * {sshd.HostCa.PublicKey.ToOpenSshString()}\n";
        var error = await Assert.ThrowsAnyAsync<SshConnectionException>(() => ConnectAsync(key, sshd.SignUser(key, [sshd.UserName]), knownHosts: knownHosts));
        Assert.Equal(DisconnectReason.HostKeyNotVerifiable, error.Reason);
    }

    /// <summary>Connects with a certificate; the host is checked against a known_hosts text holding only <c>@cert-authority</c> lines.</summary>
    private Task<SshConnection> ConnectAsync(SshPrivateKey key, SshCertificate certificate, SshPublicKey? trustedHostCa = null, string? knownHosts = null)
    {
        KnownHosts trusted = KnownHosts.Parse(knownHosts ?? $"@cert-authority 127.0.0.1 {(trustedHostCa ?? sshd.HostCa.PublicKey).ToOpenSshString()}\n");
        return SshClient.ConnectAsync("127.0.0.1", sshd.Port, new SshClientOptions
        {
            UserName = sshd.UserName,
            AuthMethods = [new PublicKeyAuthMethod(new SshCertificateSigner(certificate, key))],
            HostKeyVerifier = (hostKey, _) => ValueTask.FromResult(trusted.Verify("127.0.0.1", sshd.Port, hostKey).IsTrusted),
        });
    }

    private static async Task<(string Stdout, string Stderr, SessionExit Exit)> RunAsync(SshConnection connection, string command, string? input)
    {
        await using SshSession session = await connection.OpenSessionAsync();
        await session.ExecAsync(command);
        if (input is not null)
        {
            await session.Channel.WriteAsync(Encoding.UTF8.GetBytes(input));
        }

        session.Channel.SendEof();
        Task<string> stdout = new StreamReader(session.Channel.GetStream()).ReadToEndAsync();
        Task<string> stderr = new StreamReader(session.Channel.GetExtendedStream()).ReadToEndAsync();
        SessionExit exit = await session.Exit.WaitAsync(TimeSpan.FromSeconds(30));
        return (await stdout, await stderr, exit);
    }
}
