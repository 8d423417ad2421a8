using System.ComponentModel;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Teleport.Srv.Processes;

/// <summary>
/// A session's program, started with posix_spawn (no managed code runs between fork and exec) in a
/// new session and process group, on a PTY or on socket pairs, as the requested OS user: directly
/// when that is the user this process runs as, otherwise (as root) through <c>teleport exec</c>
/// (<see cref="ExecHelper"/>), which drops to the user and execve's the program.
/// </summary>
public sealed class SessionProcess : IAsyncDisposable
{
    private readonly SocketStream? _socketInput;
    private readonly TerminalStream? _terminalInput;
    private int _disposed;

    private SessionProcess(int pid, string? ttyName, Stream input, Stream output, Stream? error)
    {
        Pid = pid;
        TtyName = ttyName;
        Input = input;
        Output = output;
        Error = error;
        _socketInput = input as SocketStream;
        _terminalInput = input as TerminalStream;
        Exited = ExitWatcher.Watch(pid);
    }

    public int Pid { get; }

    /// <summary>"/dev/pts/N" with a PTY, else null.</summary>
    public string? TtyName { get; }

    /// <summary>The program's standard input (the PTY master with a PTY).</summary>
    public Stream Input { get; }

    /// <summary>The program's standard output (the PTY master with a PTY: reads end when every process has closed the terminal).</summary>
    public Stream Output { get; }

    /// <summary>The program's standard error; null with a PTY, where it shares <see cref="Output"/>.</summary>
    public Stream? Error { get; }

    /// <summary>Completes when the program has exited and been reaped.</summary>
    public Task<ProcessExit> Exited { get; }

    /// <summary>Starts <paramref name="spec"/>.</summary>
    /// <exception cref="SessionProcessException">It cannot start; the message is for the user.</exception>
    public static SessionProcess Start(SessionProcessSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        bool switchUser = NeedsUserSwitch(UnixUser.Current, spec.User);

        if (switchUser && !Path.IsPathRooted(spec.HelperPath))
        {
            throw new SessionProcessException($"cannot switch to user {spec.User.Name}: the helper path {spec.HelperPath} is not absolute");
        }

        var environment = new Dictionary<string, string>(spec.Environment, StringComparer.Ordinal);
        if (spec.Pty is not null)
        {
            environment.TryAdd("TERM", spec.Pty.Term);
        }

        using var launch = new SpawnLaunch();
        if (spec.Pty is not null)
        {
            launch.Terminal = PseudoTerminal.Open(spec.Pty, spec.User);
            environment["SSH_TTY"] = launch.Terminal.SlaveName;
        }
        else
        {
            launch.CreateStandardPairs();
        }

        string? directory = null;
        List<string> argv;
        string path;
        IReadOnlyDictionary<string, string> spawnEnvironment;
        if (switchUser)
        {
            path = spec.HelperPath;
            var arguments = new ExecArguments(spec.User.Uid, spec.User.Gid, spec.User.Groups, spec.User.Home, spec.Program, spec.Arguments);
            argv = [spec.HelperPath, .. arguments.Encode()];
            spawnEnvironment = HelperEnvironment();
            launch.CreateEnvironmentPair();
        }
        else
        {
            path = spec.Program;
            argv = [.. spec.Arguments];
            spawnEnvironment = environment;
            directory = spec.User.Home;
            if (!Directory.Exists(directory))
            {
                // What the helper and OpenSSH do: say so on the session's stderr, then start in /.
                launch.WriteToChildError($"Could not chdir to home directory {directory}: {Native.ErrorText(Native.ENOENT)}\r\n");
                directory = "/";
            }
        }

        int pid = launch.Spawn(path, argv, spawnEnvironment, directory, switchUser);
        if (switchUser)
        {
            launch.SendEnvironment(ExecArguments.EncodeEnvironment(environment));
        }

        (Stream input, Stream output, Stream? error) = launch.TakeStreams();
        return new SessionProcess(pid, launch.Terminal?.SlaveName, input, output, error);
    }

    /// <summary>Sends <paramref name="signal"/> to the program's process group (kill(-pid)); nothing once it has been reaped.</summary>
    public void Signal(int signal)
    {
        if (!Exited.IsCompleted)
        {
            _ = Native.Kill(-Pid, signal);
        }
    }

    /// <summary>Sets the terminal size (TIOCSWINSZ): the kernel sends SIGWINCH to the foreground process group. Without a PTY, nothing.</summary>
    public void Resize(uint columns, uint rows, uint widthPixels, uint heightPixels) =>
        _terminalInput?.SetWindowSize(columns, rows, widthPixels, heightPixels);

    /// <summary>End of file on the program's stdin (shutdown of our end). A terminal has no such thing: nothing with a PTY.</summary>
    public void CloseInput()
    {
        try
        {
            _socketInput?.ShutdownWrite();
        }
        catch (ObjectDisposedException)
        {
            // Already closed: the program has seen end of file.
        }
        catch (SocketException)
        {
            // The program closed its stdin first.
        }
    }

    /// <summary>
    /// Closes our ends. A program still running gets SIGHUP (then SIGCONT, as a terminal hangup sends)
    /// on its process group, as sshd's sessions do when the client goes away; it is still reaped when
    /// it exits (<see cref="Exited"/> completes then).
    /// </summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        if (!Exited.IsCompleted)
        {
            Signal(Native.SigHup);
            Signal(SigCont);
        }

        Input.Dispose();
        Output.Dispose();
        Error?.Dispose();
        return ValueTask.CompletedTask;
    }

    private const int SigCont = 18;

    /// <summary>Whether <paramref name="target"/> needs the helper; only root may start sessions as someone else.</summary>
    internal static bool NeedsUserSwitch(UnixUser current, UnixUser target)
    {
        if (target.Uid == current.Uid)
        {
            return false;
        }

        return current.Uid == 0
            ? true
            : throw new SessionProcessException($"this node runs as {current.Name}: it can only start sessions as {current.Name}, not {target.Name}");
    }

    /// <summary>
    /// The helper's own environment: only what the .NET runtime needs to start (where it is
    /// installed) and a switch that stops it from leaving a diagnostics socket in /tmp, which the
    /// execve would orphan. The session's environment goes on fd 3 (see <see cref="ExecArguments"/>).
    /// </summary>
    private static Dictionary<string, string> HelperEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DOTNET_EnableDiagnostics"] = "0",
            ["DOTNET_TieredPGO"] = "0",
        };
        foreach (string name in new[] { "DOTNET_ROOT", "DOTNET_ROOT_X64" })
        {
            if (System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                environment[name] = value;
            }
        }

        return environment;
    }
}
