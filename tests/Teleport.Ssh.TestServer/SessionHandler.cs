using Teleport.Ssh.Connection;
using Teleport.Ssh.Connection.Session;

namespace Teleport.Ssh.TestServer;

/// <summary>
/// Serves one session channel the way sshd does without a terminal: env, exec and shell run
/// /bin/sh as the server's own user; output, exit status or signal go back to the client.
/// </summary>
internal sealed class SessionHandler
{
    private readonly Dictionary<string, string> _environment;
    private readonly AgentForwarding _agentForwarding;
    private ShellProcess? _process;

    public SessionHandler(SshConnection connection, string homeDirectory)
    {
        HomeDirectory = homeDirectory;
        _agentForwarding = new AgentForwarding(connection);
        _environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
            ["HOME"] = homeDirectory,
            ["USER"] = connection.UserName,
            ["LOGNAME"] = connection.UserName,
            ["SHELL"] = "/bin/sh",
        };
    }

    public string HomeDirectory { get; }

    /// <summary>Cleans up (agent socket, SIGHUP to a running command) when the channel ends.</summary>
    public void Attach(SshChannel channel) =>
        _ = channel.Completion.ContinueWith(_ => Cleanup(), TaskScheduler.Default);

    public ValueTask<bool> HandleAsync(SshChannelRequest request, CancellationToken cancellationToken)
    {
        switch (request.RequestType)
        {
            case SessionRequestTypes.Env:
                (string name, string value) = SessionRequests.ReadEnv(request.Data.Span);
                if (name.StartsWith("LC_", StringComparison.Ordinal) || name == "LANG" || name.StartsWith("TEST_", StringComparison.Ordinal))
                {
                    _environment[name] = value;
                    return ValueTask.FromResult(true);
                }

                return ValueTask.FromResult(false);

            case SessionRequestTypes.Exec:
                return ValueTask.FromResult(Run(request.Channel, SessionRequests.ReadString(request.Data.Span)));

            case SessionRequestTypes.Shell:
                return ValueTask.FromResult(Run(request.Channel, command: null));

            case SessionRequestTypes.Signal:
                if (_process is not null && SignalNames.NumberOf(SessionRequests.ReadString(request.Data.Span, 64)) is int signal)
                {
                    _process.Signal(signal);
                    return ValueTask.FromResult(true);
                }

                return ValueTask.FromResult(false);

            case SessionRequestTypes.AuthAgentRequest:
                if (_process is not null)
                {
                    return ValueTask.FromResult(false);
                }

                _environment["SSH_AUTH_SOCK"] = _agentForwarding.Start();
                return ValueTask.FromResult(true);

            default:
                // pty-req, x11-req, subsystems: this server has no terminals and no subsystems.
                return ValueTask.FromResult(false);
        }
    }

    private bool Run(SshChannel channel, string? command)
    {
        if (_process is not null)
        {
            return false;
        }

        string[] argv = command is null ? ["sh"] : ["sh", "-c", command];
        _process = ShellProcess.Start("/bin/sh", argv, _environment, HomeDirectory);
        _ = PumpAsync(channel, _process);
        return true;
    }

    private static async Task PumpAsync(SshChannel channel, ShellProcess process)
    {
        Task input = CopyInputAsync(channel, process.StandardInput);
        Task output = CopyOutputAsync(process.StandardOutput, channel.WriteAsync);
        Task error = CopyOutputAsync(process.StandardError, channel.WriteExtendedAsync);
        (int? code, int? signal, bool core) = await process.Exited;
        await Task.WhenAll(output, error);
        if (signal is int number)
        {
            channel.SendExitSignal(SignalNames.NameOf(number), core);
        }
        else
        {
            channel.SendExitStatus(code ?? 255);
        }

        channel.SendEof();
        channel.Close();
        await input.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private static async Task CopyInputAsync(SshChannel channel, Stream stdin)
    {
        byte[] buffer = new byte[32 * 1024];
        try
        {
            int read;
            while ((read = await channel.ReadAsync(buffer)) > 0)
            {
                await stdin.WriteAsync(buffer.AsMemory(0, read));
            }
        }
        catch (IOException)
        {
            // The command stopped reading its input.
        }
        finally
        {
            await stdin.DisposeAsync();
        }
    }

    private static async Task CopyOutputAsync(Stream source, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> write)
    {
        byte[] buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer)) > 0)
            {
                await write(buffer.AsMemory(0, read), CancellationToken.None);
            }
        }
        catch (IOException)
        {
            // The client went away; the process gets SIGHUP below.
        }
    }

    private void Cleanup()
    {
        _agentForwarding.Dispose();
        if (_process is { } process && !process.Exited.IsCompleted)
        {
            process.Signal(1); // SIGHUP to the session's process group, as sshd does
        }
    }
}
