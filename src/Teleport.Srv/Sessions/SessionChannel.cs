using Microsoft.Extensions.Logging;
using Teleport.Srv.Forwarding;
using Teleport.Srv.Processes;
using Teleport.Ssh.Connection;
using Teleport.Ssh.Connection.Session;

namespace Teleport.Srv.Sessions;

/// <summary>
/// One session channel, as sshd serves it: pty-req, env (LANG and LC_* only), window-change,
/// signal, auth-agent-req, then one of shell, exec or subsystem (sftp). The process runs as the OS
/// login; its output goes to the client and, for interactive sessions, to the recording.
/// </summary>
internal sealed partial class SessionChannel
{
    private readonly NodeConnection _connection;
    private readonly ILogger _logger;
    private readonly Dictionary<string, string> _clientEnvironment = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private PtyRequest? _pty;
    private AgentSocket? _agent;
    private SessionProcess? _process;
    private SshChannel? _channel;
    private bool _started;

    public SessionChannel(NodeConnection connection)
    {
        _connection = connection;
        _logger = connection.Node.LoggerFactory.CreateLogger("node");
        SessionId = Guid.NewGuid().ToString();
    }

    /// <summary>Teleport's session id (a UUID), in audit events and the recording's name.</summary>
    public string SessionId { get; }

    public void Attach(SshChannel channel)
    {
        _channel = channel;
        _ = channel.Completion.ContinueWith(_ => Cleanup(), TaskScheduler.Default);
    }

    public ValueTask<bool> HandleAsync(SshChannelRequest request, CancellationToken cancellationToken)
    {
        _connection.Touch();
        switch (request.RequestType)
        {
            case SessionRequestTypes.PtyRequest:
                return Reply(RequestPty(PtyRequest.Parse(request.Data.Span)));

            case SessionRequestTypes.Env:
                (string name, string value) = SessionRequests.ReadEnv(request.Data.Span);
                return Reply(SetEnvironment(name, value));

            case SessionRequestTypes.WindowChange:
                ChangeWindow(WindowChange.Parse(request.Data.Span));
                return Reply(true);

            case SessionRequestTypes.Signal:
                return Reply(Signal(SessionRequests.ReadString(request.Data.Span, 64)));

            case SessionRequestTypes.AuthAgentRequest:
                return Reply(ForwardAgent());

            case SessionRequestTypes.Shell:
                return Reply(StartShell(request.Channel));

            case SessionRequestTypes.Exec:
                return Reply(StartExec(request.Channel, SessionRequests.ReadString(request.Data.Span)));

            case SessionRequestTypes.Subsystem:
                return Reply(StartSubsystem(request.Channel, SessionRequests.ReadString(request.Data.Span, 256)));

            default:
                // x11-req, xon-xoff, break: not offered by this node.
                return Reply(false);
        }
    }

    private static ValueTask<bool> Reply(bool accepted) => ValueTask.FromResult(accepted);

    private bool RequestPty(PtyRequest pty)
    {
        lock (_lock)
        {
            if (_started || !_connection.User.Certificate.Extensions.ContainsKey("permit-pty"))
            {
                return false;
            }

            _pty = pty;
            return true;
        }
    }

    /// <summary>sshd's AcceptEnv as Debian ships it: the locale, nothing that changes how programs run.</summary>
    private bool SetEnvironment(string name, string value)
    {
        if (name != "LANG" && !name.StartsWith("LC_", StringComparison.Ordinal))
        {
            return false;
        }

        lock (_lock)
        {
            if (_started || _clientEnvironment.Count >= 64)
            {
                return false;
            }

            _clientEnvironment[name] = value;
            return true;
        }
    }

    private void ChangeWindow(WindowChange change)
    {
        lock (_lock)
        {
            if (_pty is null)
            {
                return;
            }

            _pty = _pty with { Columns = change.Columns, Rows = change.Rows, WidthPixels = change.WidthPixels, HeightPixels = change.HeightPixels };
            _process?.Resize(change.Columns, change.Rows, change.WidthPixels, change.HeightPixels);
            _recorder?.Resize(change.Columns, change.Rows);
        }
    }

    private bool Signal(string name)
    {
        lock (_lock)
        {
            if (_process is null || SignalNames.NumberOf(name) is not int signal)
            {
                return false;
            }

            _process.Signal(signal);
            return true;
        }
    }

    private bool ForwardAgent()
    {
        lock (_lock)
        {
            if (_started || _agent is not null)
            {
                return false;
            }

            if (!_connection.User.Access.CheckAgentForward(_connection.User.Login).IsAllowed
                || !_connection.User.Certificate.Extensions.ContainsKey("permit-agent-forwarding"))
            {
                _logger.LogInformation("Agent forwarding refused for {User}: not allowed by the roles", _connection.User.UserName);
                return false;
            }

            if (UnixUser.Lookup(_connection.User.Login) is not { } user)
            {
                return false;
            }

            try
            {
                _agent = AgentSocket.Create(_connection.Connection, user.Uid, user.Gid, _connection.Touch, _logger);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
            {
                _logger.LogWarning("Agent forwarding for {User} failed: {Error}", _connection.User.UserName, e.Message);
                return false;
            }

            return true;
        }
    }

    private void Cleanup()
    {
        lock (_lock)
        {
            _agent?.Dispose();
            _agent = null;

            // The client went away (or closed the channel) before the command ended: sshd hangs up
            // on the session's process group, and so do we.
            if (_process is { } process && !process.Exited.IsCompleted)
            {
                process.Signal(1);
            }
        }
    }
}
