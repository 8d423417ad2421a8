using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Teleport.Srv.Access;
using Teleport.Ssh;
using Teleport.Ssh.Connection;

namespace Teleport.Srv.Sessions;

/// <summary>
/// One logged-in SSH connection: who it is, what it has forwarded, and the two clocks that can end
/// it: <c>client_idle_timeout</c> (no input from the client for that long) and
/// <c>disconnect_expired_cert</c> (the certificate's end).
/// </summary>
internal sealed class NodeConnection
{
    private readonly NodeContext _node;
    private readonly ILogger _logger;
    private long _lastActivity;

    public NodeConnection(NodeContext node, SshConnection connection, NodeUser user)
    {
        _node = node;
        Connection = connection;
        User = user;
        _logger = node.LoggerFactory.CreateLogger("node");
        _lastActivity = node.Clock.GetTimestamp();
    }

    public SshConnection Connection { get; }

    public NodeUser User { get; }

    public NodeContext Node => _node;

    public IPEndPoint? Remote => Connection.RemoteEndPoint as IPEndPoint;

    public IPEndPoint? Local => Connection.LocalEndPoint as IPEndPoint;

    /// <summary>OpenSSH's SSH_CONNECTION: client address and port, server address and port.</summary>
    public string SshConnectionVariable => string.Create(CultureInfo.InvariantCulture,
        $"{Remote?.Address.ToString() ?? "0.0.0.0"} {Remote?.Port ?? 0} {Local?.Address.ToString() ?? "0.0.0.0"} {Local?.Port ?? 0}");

    /// <summary>OpenSSH's SSH_CLIENT: client address and port, server port.</summary>
    public string SshClientVariable => string.Create(CultureInfo.InvariantCulture,
        $"{Remote?.Address.ToString() ?? "0.0.0.0"} {Remote?.Port ?? 0} {Local?.Port ?? 0}");

    /// <summary>The client did something (sent data or a request): the idle clock restarts.</summary>
    public void Touch() => Interlocked.Exchange(ref _lastActivity, _node.Clock.GetTimestamp());

    public void StartWatchdogs()
    {
        TimeSpan idle = User.Access.Options.ClientIdleTimeout.ToTimeSpan();
        if (idle > TimeSpan.Zero)
        {
            _ = IdleWatchdogAsync(idle);
        }

        if (User.Access.Options.DisconnectExpiredCert && User.ValidBefore is { } end)
        {
            _ = ExpiryWatchdogAsync(end);
        }
    }

    private async Task IdleWatchdogAsync(TimeSpan timeout)
    {
        while (!Connection.Completion.IsCompleted)
        {
            TimeSpan idleFor = _node.Clock.GetElapsedTime(Interlocked.Read(ref _lastActivity));
            if (idleFor >= timeout)
            {
                _logger.LogInformation("Disconnecting {User} ({Login}): idle for {Timeout}", User.UserName, User.Login, timeout);
                await DisconnectAsync($"client idle timeout of {Format(timeout)} exceeded").ConfigureAwait(false);
                return;
            }

            await Task.WhenAny(Connection.Completion, Task.Delay(timeout - idleFor, _node.Clock)).ConfigureAwait(false);
        }
    }

    private async Task ExpiryWatchdogAsync(DateTimeOffset end)
    {
        TimeSpan left = end - _node.Clock.GetUtcNow();
        if (left > TimeSpan.Zero)
        {
            await Task.WhenAny(Connection.Completion, Task.Delay(left, _node.Clock)).ConfigureAwait(false);
        }

        if (!Connection.Completion.IsCompleted)
        {
            _logger.LogInformation("Disconnecting {User} ({Login}): certificate expired", User.UserName, User.Login);
            await DisconnectAsync("your certificate has expired: log in again with tsh login").ConfigureAwait(false);
        }
    }

    private async Task DisconnectAsync(string reason)
    {
        try
        {
            await Connection.DisconnectAsync(DisconnectReason.ByApplication, reason).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SshException)
        {
            // Already gone.
        }
    }

    private static string Format(TimeSpan span) => Teleport.Api.Types.Duration.FromTimeSpan(span).ToString();
}
