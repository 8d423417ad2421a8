using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Teleport.Srv.Processes;

/// <summary>
/// The descriptors and the posix_spawn call of one <see cref="SessionProcess.Start"/>; whatever
/// has not been handed over to the new process's streams is closed on dispose, so a failed start
/// leaks nothing. Every descriptor is created close-on-exec: only the file actions put them on the
/// child's 0-3.
/// </summary>
internal sealed class SpawnLaunch : IDisposable
{
    // Index 0 of each pair is the child's end, index 1 ours.
    private readonly int[] _stdin = [-1, -1];
    private readonly int[] _stdout = [-1, -1];
    private readonly int[] _stderr = [-1, -1];
    private readonly int[] _environment = [-1, -1];

    public PseudoTerminal? Terminal { get; set; }

    public void CreateStandardPairs()
    {
        CreatePair(_stdin);
        CreatePair(_stdout);
        CreatePair(_stderr);
    }

    public void CreateEnvironmentPair() => CreatePair(_environment);

    /// <summary>Writes a message the program's stderr will carry before the program itself starts.</summary>
    public unsafe void WriteToChildError(string message)
    {
        int fd = Terminal?.Slave ?? _stderr[0];
        byte[] bytes = Encoding.UTF8.GetBytes(message);
        fixed (byte* b = bytes)
        {
            _ = Native.Write(fd, b, bytes.Length);
        }
    }

    /// <summary>posix_spawn with a new session, default signal dispositions and an empty mask; returns the pid.</summary>
    public unsafe int Spawn(string path, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment, string? directory, bool helper)
    {
        byte* actions = stackalloc byte[Native.SpawnActionsSize];
        byte* attributes = stackalloc byte[Native.SpawnAttributesSize];
        byte* signals = stackalloc byte[Native.SigSetSize];
        Check(Native.FileActionsInit(actions), "posix_spawn_file_actions_init");
        Check(Native.AttrInit(attributes), "posix_spawnattr_init");
        var unmanaged = new List<nint>();
        try
        {
            if (Terminal is not null)
            {
                // glibc runs setsid before the file actions, so opening the slave here (without
                // O_NOCTTY) makes it the new session's controlling terminal, as TIOCSCTTY would.
                Check(Native.FileActionsAddOpen(actions, 0, Utf8(Terminal.SlaveName, unmanaged), Native.ORdWr, 0), "posix_spawn_file_actions_addopen");
                Check(Native.FileActionsAddDup2(actions, 0, 1), "posix_spawn_file_actions_adddup2");
                Check(Native.FileActionsAddDup2(actions, 0, 2), "posix_spawn_file_actions_adddup2");
            }
            else
            {
                Check(Native.FileActionsAddDup2(actions, _stdin[0], 0), "posix_spawn_file_actions_adddup2");
                Check(Native.FileActionsAddDup2(actions, _stdout[0], 1), "posix_spawn_file_actions_adddup2");
                Check(Native.FileActionsAddDup2(actions, _stderr[0], 2), "posix_spawn_file_actions_adddup2");
            }

            if (_environment[0] >= 0)
            {
                Check(Native.FileActionsAddDup2(actions, _environment[0], ExecArguments.EnvironmentFd), "posix_spawn_file_actions_adddup2");
            }

            // Our own descriptors are all close-on-exec, but this process may have inherited
            // others from whoever started it: like sshd's closefrom, the session gets none (glibc 2.34+).
            int firstToClose = _environment[0] >= 0 ? ExecArguments.EnvironmentFd + 1 : ExecArguments.EnvironmentFd;
            Check(Native.FileActionsAddCloseFrom(actions, firstToClose), "posix_spawn_file_actions_addclosefrom_np");

            if (directory is not null)
            {
                Check(Native.FileActionsAddChdir(actions, Utf8(directory, unmanaged)), "posix_spawn_file_actions_addchdir_np");
            }

            // The runtime ignores SIGPIPE and may block signals: the child gets the defaults.
            Check(Native.SigFillSet(signals), "sigfillset");
            Check(Native.AttrSetSigDefault(attributes, signals), "posix_spawnattr_setsigdefault");
            Check(Native.SigEmptySet(signals), "sigemptyset");
            Check(Native.AttrSetSigMask(attributes, signals), "posix_spawnattr_setsigmask");
            Check(Native.AttrSetFlags(attributes, Native.PosixSpawnSetSigDef | Native.PosixSpawnSetSigMask | Native.PosixSpawnSetSid), "posix_spawnattr_setflags");

            nint* args = stackalloc nint[argv.Count + 1];
            for (int i = 0; i < argv.Count; i++)
            {
                args[i] = (nint)Utf8(argv[i], unmanaged);
            }

            args[argv.Count] = 0;
            nint* env = stackalloc nint[environment.Count + 1];
            int e = 0;
            foreach ((string name, string value) in environment)
            {
                env[e++] = (nint)Utf8($"{name}={value}", unmanaged);
            }

            env[e] = 0;
            int pid;
            int error = Native.PosixSpawn(&pid, Utf8(path, unmanaged), actions, attributes, args, env);
            if (error != 0)
            {
                // glibc's posix_spawn reports the child's exec (or file action) failure here.
                throw new SessionProcessException(helper
                    ? $"cannot start the session helper {path}: {Native.ErrorText(error)}"
                    : $"cannot run {path}: {Native.ErrorText(error)}");
            }

            CloseChildEnds();
            return pid;
        }
        finally
        {
            _ = Native.FileActionsDestroy(actions);
            _ = Native.AttrDestroy(attributes);
            foreach (nint pointer in unmanaged)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }

    /// <summary>Hands the session environment to the helper on its fd 3, then closes our end so it reads EOF.</summary>
    public unsafe void SendEnvironment(byte[] encoded)
    {
        try
        {
            fixed (byte* start = encoded)
            {
                int offset = 0;
                while (offset < encoded.Length)
                {
                    nint written = Native.Write(_environment[1], start + offset, encoded.Length - offset);
                    if (written < 0)
                    {
                        int errno = Marshal.GetLastPInvokeError();
                        if (errno == Native.EINTR)
                        {
                            continue;
                        }

                        // The helper died before reading: its exit status and stderr say why.
                        break;
                    }

                    offset += (int)written;
                }
            }
        }
        finally
        {
            CloseFd(ref _environment[1]);
        }
    }

    /// <summary>Our ends as streams; from here on the streams own them.</summary>
    public (Stream Input, Stream Output, Stream? Error) TakeStreams()
    {
        if (Terminal is not null)
        {
            (Stream input, Stream output) = Terminal.TakeMaster();
            return (input, output, null);
        }

        Stream stdin = Wrap(ref _stdin[1], SocketShutdown.Receive);
        Stream stdout = Wrap(ref _stdout[1], SocketShutdown.Send);
        Stream stderr = Wrap(ref _stderr[1], SocketShutdown.Send);
        return (stdin, stdout, stderr);
    }

    public void Dispose()
    {
        CloseChildEnds();
        CloseFd(ref _stdin[1]);
        CloseFd(ref _stdout[1]);
        CloseFd(ref _stderr[1]);
        CloseFd(ref _environment[1]);
        Terminal?.Dispose();
    }

    private void CloseChildEnds()
    {
        CloseFd(ref _stdin[0]);
        CloseFd(ref _stdout[0]);
        CloseFd(ref _stderr[0]);
        CloseFd(ref _environment[0]);
        Terminal?.CloseSlave();
    }

    private static unsafe void CreatePair(int[] pair)
    {
        int* fds = stackalloc int[2];
        if (Native.SocketPair(Native.AfUnix, Native.SockStreamCloExec, 0, fds) < 0)
        {
            throw new SessionProcessException($"cannot start the session: socketpair: {Native.ErrorText(Marshal.GetLastPInvokeError())}");
        }

        pair[0] = AboveStandard(fds[0]);
        pair[1] = fds[1];
    }

    /// <summary>
    /// A process started with a standard descriptor closed can get 0-2 from socketpair; the dup2
    /// file actions onto 0-3 would then overwrite a descriptor a later action still reads.
    /// </summary>
    private static int AboveStandard(int fd)
    {
        if (fd > ExecArguments.EnvironmentFd)
        {
            return fd;
        }

        int moved = Native.Fcntl(fd, Native.FDupFdCloExec, ExecArguments.EnvironmentFd + 1);
        _ = Native.Close(fd);
        if (moved < 0)
        {
            throw new SessionProcessException($"cannot start the session: dup: {Native.ErrorText(Marshal.GetLastPInvokeError())}");
        }

        return moved;
    }

    private static SocketStream Wrap(ref int fd, SocketShutdown unused)
    {
        var socket = new Socket(new SafeSocketHandle(fd, ownsHandle: true));
        fd = -1;
        socket.Shutdown(unused);
        return new SocketStream(socket);
    }

    private static void CloseFd(ref int fd)
    {
        if (fd >= 0)
        {
            _ = Native.Close(fd);
            fd = -1;
        }
    }

    private static unsafe byte* Utf8(string text, List<nint> unmanaged)
    {
        nint pointer = Marshal.StringToCoTaskMemUTF8(text);
        unmanaged.Add(pointer);
        return (byte*)pointer;
    }

    private static void Check(int result, string what)
    {
        if (result != 0)
        {
            int errno = result < 0 ? Marshal.GetLastPInvokeError() : result;
            throw new SessionProcessException($"cannot start the session: {what}: {Native.ErrorText(errno)}");
        }
    }
}
