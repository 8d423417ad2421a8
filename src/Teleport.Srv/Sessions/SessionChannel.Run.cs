using System.Buffers;
using System.Text;
using Microsoft.Extensions.Logging;
using Teleport.Srv.Processes;
using Teleport.Srv.Recording;
using Teleport.Ssh;
using Teleport.Ssh.Connection;
using Teleport.Ssh.Connection.Session;

namespace Teleport.Srv.Sessions;

/// <summary>Starting the session's process and carrying its input, output and exit.</summary>
internal sealed partial class SessionChannel
{
    private const int BufferSize = 32 * 1024;

    /// <summary>sshd's default PATH on Debian, for root and for everyone else.</summary>
    private const string RootPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private const string UserPath = "/usr/local/bin:/usr/bin:/bin:/usr/games";

    private SessionRecorder? _recorder;
    private SessionAudit? _audit;

    private bool StartShell(SshChannel channel) => Start(channel, command: null, SessionKind.Shell);

    private bool StartExec(SshChannel channel, string command)
    {
        if (FileCopyCommand.Parse(command) is { } copy)
        {
            if (!_connection.User.Access.Options.SshFileCopy)
            {
                return Refuse(channel, copy.Refusal(_connection.Node.NodeName), () => SessionAudit.EmitScp(_connection, SessionId, copy, "file copying is not allowed by the user's roles"));
            }

            SessionAudit.EmitScp(_connection, SessionId, copy, error: null);
        }

        return Start(channel, command, SessionKind.Exec);
    }

    private bool StartSubsystem(SshChannel channel, string name)
    {
        if (name != "sftp")
        {
            return false;
        }

        if (!_connection.User.Access.Options.SshFileCopy)
        {
            return Refuse(channel, $"teleport: file copying (sftp and scp) is not allowed for {_connection.User.UserName} on {_connection.Node.NodeName}\r\n", null);
        }

        return Start(channel, command: null, SessionKind.Sftp);
    }

    private bool Start(SshChannel channel, string? command, SessionKind kind)
    {
        SessionProcessSpec spec;
        PtyRequest? pty;
        lock (_lock)
        {
            if (_started)
            {
                return false;
            }

            _started = true;
            pty = kind == SessionKind.Sftp ? null : _pty;
            UnixUser? user = UnixUser.Lookup(_connection.User.Login);
            if (user is null)
            {
                return Refuse(channel, $"teleport: the login \"{_connection.User.Login}\" does not exist on {_connection.Node.NodeName}: ask an administrator to create it, or log in as another user\r\n", null);
            }

            spec = Describe(user, command, kind, pty);
        }

        _audit = new SessionAudit(_connection, SessionId, interactive: pty is not null, command, kind);
        try
        {
            lock (_lock)
            {
                _process = SessionProcess.Start(spec);
                if (pty is not null && _connection.Node.Cluster.RecordSessions)
                {
                    _recorder = CreateRecorder(pty);
                }
            }
        }
        catch (SessionProcessException e)
        {
            _audit.Failed(e.Message);
            return Refuse(channel, $"teleport: {e.Message}\r\n", null);
        }

        _audit.Started(pty, _recorder is not null);
        _ = RunAsync(channel, _process, kind);
        return true;
    }

    private SessionProcessSpec Describe(UnixUser user, string? command, SessionKind kind, PtyRequest? pty)
    {
        string shell = string.IsNullOrEmpty(user.Shell) ? "/bin/sh" : user.Shell;
        var environment = new Dictionary<string, string>(_clientEnvironment, StringComparer.Ordinal)
        {
            ["HOME"] = user.Home,
            ["USER"] = user.Name,
            ["LOGNAME"] = user.Name,
            ["SHELL"] = shell,
            ["PATH"] = user.Uid == 0 ? RootPath : UserPath,
            ["SSH_CLIENT"] = _connection.SshClientVariable,
            ["SSH_CONNECTION"] = _connection.SshConnectionVariable,
            ["TELEPORT_SESSION"] = SessionId,
        };
        if (pty is not null)
        {
            environment["TERM"] = pty.Term;
        }

        if (_agent is not null)
        {
            environment["SSH_AUTH_SOCK"] = _agent.Path;
        }

        string helper = _connection.Node.Options.HelperPath;
        (string program, string[] arguments) = kind switch
        {
            SessionKind.Sftp => (helper, new[] { helper, "sftp" }),
            SessionKind.Exec => (shell, new[] { Path.GetFileName(shell), "-c", command! }),

            // A login shell, as sshd starts it: argv[0] is the shell's name behind a dash.
            _ => (shell, new[] { "-" + Path.GetFileName(shell) }),
        };
        return new SessionProcessSpec
        {
            Program = program,
            Arguments = arguments,
            Environment = environment,
            User = user,
            HelperPath = helper,
            Pty = pty is null ? null : new PtyOptions(pty.Term, pty.Columns, pty.Rows, pty.WidthPixels, pty.HeightPixels, pty.Modes),
        };
    }

    private SessionRecorder? CreateRecorder(PtyRequest pty)
    {
        NodeContext node = _connection.Node;
        try
        {
            return SessionRecorder.Create(
                node.Recordings.Directory,
                new RecordingHeader(SessionId, node.ClusterName, _connection.User.UserName, _connection.User.Login, node.HostId, node.NodeName, pty.Term, pty.Columns, pty.Rows, node.Clock.GetUtcNow()),
                node.Clock);
        }
        catch (IOException e)
        {
            // record_session best_effort: the session goes on, the log says why it is not recorded.
            _logger.LogWarning("Session {Session} is not recorded: {Error}", SessionId, e.Message);
            return null;
        }
    }

    /// <summary>Accepts the request but tells the user why nothing runs: a message on stderr and exit status 1.</summary>
    private bool Refuse(SshChannel channel, string message, Action? audit)
    {
        audit?.Invoke();
        _ = Task.Run(async () =>
        {
            try
            {
                await channel.WriteExtendedAsync(Encoding.UTF8.GetBytes(message)).ConfigureAwait(false);
                channel.SendExitStatus(1);
                channel.SendEof();
            }
            catch (Exception e) when (e is SshException or IOException or ObjectDisposedException)
            {
                // The client is gone.
            }

            channel.Close();
        });
        return true;
    }

    private async Task RunAsync(SshChannel channel, SessionProcess process, SessionKind kind)
    {
        Task input = CopyInputAsync(channel, process);
        Task output = CopyOutputAsync(process.Output, channel, extended: false);
        Task error = process.Error is null ? Task.CompletedTask
            : kind == SessionKind.Sftp ? SftpAuditReader.RunAsync(process.Error, _connection, SessionId)
            : CopyOutputAsync(process.Error, channel, extended: true);
        ProcessExit exit = await process.Exited.ConfigureAwait(false);

        // A PTY's output ends when every holder of the terminal has closed it; a background job
        // may keep it open, so after the shell's exit we wait only briefly for the rest.
        await Task.WhenAny(Task.WhenAll(output, error), Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        try
        {
            if (exit.Signal is int signal)
            {
                channel.SendExitSignal(SignalNames.NameOf(signal), exit.CoreDumped);
            }
            else
            {
                channel.SendExitStatus(exit.ExitCode ?? 255);
            }

            channel.SendEof();
        }
        catch (Exception e) when (e is SshException or IOException or ObjectDisposedException)
        {
            // The client is gone.
        }

        channel.Close();
        await input.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await FinishAsync(exit).ConfigureAwait(false);
    }

    private async Task FinishAsync(ProcessExit? exit)
    {
        SessionRecorder? recorder;
        SessionProcess? process;
        lock (_lock)
        {
            recorder = _recorder;
            _recorder = null;
            process = _process;
        }

        if (process is not null)
        {
            await process.DisposeAsync().ConfigureAwait(false);
        }

        if (recorder is not null)
        {
            await recorder.DisposeAsync().ConfigureAwait(false);
            File.Move(recorder.Path, recorder.Path + ".done");
            _connection.Node.Recordings.UploadPending();
        }

        _audit?.Ended(exit);
    }

    private async Task CopyInputAsync(SshChannel channel, SessionProcess process)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await channel.ReadAsync(buffer.AsMemory(0, BufferSize)).ConfigureAwait(false)) > 0)
            {
                _connection.Touch();
                await process.Input.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
            }

            if (process.TtyName is null)
            {
                process.CloseInput();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SshException)
        {
            // The command stopped reading its input, or the client went away.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task CopyOutputAsync(Stream source, SshChannel channel, bool extended)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferSize)).ConfigureAwait(false)) > 0)
            {
                if (!extended)
                {
                    _recorder?.Output(buffer.AsSpan(0, read));
                }

                await (extended ? channel.WriteExtendedAsync(buffer.AsMemory(0, read)) : channel.WriteAsync(buffer.AsMemory(0, read))).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SshException)
        {
            // The client went away; the process gets SIGHUP when the channel is cleaned up.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
