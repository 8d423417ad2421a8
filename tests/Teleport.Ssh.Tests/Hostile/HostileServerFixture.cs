using System.Diagnostics;
using System.Net;
using System.Text;
using Teleport.Ssh.Auth;
using Teleport.Ssh.Connection;
using Teleport.Ssh.Connection.Session;
using Teleport.Ssh.Keys;
using Teleport.Ssh.TestServer;

namespace Teleport.Ssh.Tests.Hostile;

/// <summary>
/// One test server on 127.0.0.1 shared by every hostile-input test: whatever a test throws at it,
/// the next well-behaved client must still log in and run a command. The login grace time is short
/// so that stalled handshakes are dropped within the test.
/// </summary>
public sealed class HostileServerFixture : IAsyncLifetime
{
    /// <summary>Short enough for the tests that wait for it, long enough for a good login on a loaded machine.</summary>
    public static readonly TimeSpan LoginGraceTime = TimeSpan.FromSeconds(3);

    public const string UserName = "tester";
    public const string Password = "hostile-test-password";

    private readonly SshPrivateKey _hostKey = SshPrivateKey.Generate();
    private readonly SshPrivateKey _userKey = SshPrivateKey.Generate();
    private readonly TempDirectory _home = new("ssh-hostile-");
    private TestSshServer? _server;

    public IPEndPoint EndPoint => _server!.LocalEndPoint;

    public SshPublicKey HostKey => _hostKey.PublicKey;

    public Task InitializeAsync()
    {
        _ = EscapedExceptionMonitor.Instance;
        var configuration = new TestServerConfiguration
        {
            LoginGraceTime = LoginGraceTime,
            HomeDirectory = _home.Path,
            Algorithms = new SshAlgorithms
            {
                KeyExchange = [.. SshAlgorithms.SupportedKeyExchange],
                Ciphers = [.. SshAlgorithms.SupportedCiphers],
                Macs = [.. SshAlgorithms.SupportedMacs],
            },
        };
        configuration.HostKeys.Add(_hostKey);
        configuration.AuthorizedKeys.Add(_userKey.PublicKey);
        configuration.Passwords[UserName] = Password;
        _server = new TestSshServer(configuration);
        _server.Start(new IPEndPoint(IPAddress.Loopback, 0));
        return Task.CompletedTask;
    }

    /// <summary>Logs in with the authorized key over <paramref name="stream"/>, or over a new TCP connection.</summary>
    public Task<SshConnection> ConnectAsync(Stream? stream = null)
    {
        var options = new SshClientOptions
        {
            UserName = UserName,
            AuthMethods = [new PublicKeyAuthMethod(_userKey)],
            HostKeyVerifier = (key, _) => ValueTask.FromResult(key.Equals(_hostKey.PublicKey)),
        };
        return stream is null
            ? SshClient.ConnectAsync(EndPoint.Address.ToString(), EndPoint.Port, options)
            : SshClient.ConnectAsync(stream, options);
    }

    /// <summary>
    /// The server still does its job: a well-behaved client logs in and runs a command, and no
    /// exception escaped the library meanwhile. Returns how long the login and command took.
    /// </summary>
    public async Task<TimeSpan> AssertServesWellBehavedClientAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        await using (SshConnection connection = await ConnectAsync())
        {
            Assert.Equal("ok\n", await RunAsync(connection, "echo ok"));
        }

        stopwatch.Stop();
        EscapedExceptionMonitor.Instance.AssertNoneEscaped();
        return stopwatch.Elapsed;
    }

    /// <summary>Runs <paramref name="command"/> in a session and returns its output; it must exit 0.</summary>
    public static async Task<string> RunAsync(SshConnection connection, string command)
    {
        await using SshSession session = await connection.OpenSessionAsync();
        await session.ExecAsync(command);
        session.Channel.SendEof();
        string output = await new StreamReader(session.Channel.GetStream(), Encoding.UTF8).ReadToEndAsync().WaitAsync(RawSshPeer.Deadline);
        SessionExit exit = await session.Exit.WaitAsync(RawSshPeer.Deadline);
        Assert.Equal(0, exit.ExitCode);
        return output;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _hostKey.Dispose();
        _userKey.Dispose();
        _home.Dispose();
        EscapedExceptionMonitor.Instance.AssertNoneEscaped();
    }
}
