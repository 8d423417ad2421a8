using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Net.Sockets;
using Teleport.Srv.Processes;

namespace Teleport.Ssh.TestServer;

/// <summary>
/// A child process started with posix_spawn (no managed code runs between fork and exec) with
/// its stdin, stdout and stderr on Unix socket pairs (as sshd does where it does not use pipes):
/// .NET reads and writes sockets through epoll, where pipes would tie up a pool thread per
/// operation. Waited for with waitpid so a death by signal is reported as the signal, not as
/// 128 + n the way <see cref="System.Diagnostics.Process"/> does.
/// </summary>
internal sealed partial class ShellProcess : IDisposable
{
    private const int AfUnix = 1;
    private const int SockStreamCloexec = 1 | 0x80000;
    private const short PosixSpawnSetSigDef = 0x04;
    private const short PosixSpawnSetSigMask = 0x08;
    private const short PosixSpawnSetSid = 0x80;

    private ShellProcess(int pid, Stream stdin, Stream stdout, Stream stderr)
    {
        Pid = pid;
        StandardInput = stdin;
        StandardOutput = stdout;
        StandardError = stderr;
        Exited = Task.Factory.StartNew(WaitForExit, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public int Pid { get; }

    public Stream StandardInput { get; }

    public Stream StandardOutput { get; }

    public Stream StandardError { get; }

    /// <summary>(exit code, null) or (null, signal number), plus whether it dumped core.</summary>
    public Task<(int? ExitCode, int? Signal, bool CoreDumped)> Exited { get; }

    public static unsafe ShellProcess Start(string file, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        // Index 0 of each pair is the child's end, index 1 ours.
        int* stdinPair = stackalloc int[2];
        int* stdoutPair = stackalloc int[2];
        int* stderrPair = stackalloc int[2];
        Check(SocketPair(AfUnix, SockStreamCloexec, 0, stdinPair), "socketpair");
        Check(SocketPair(AfUnix, SockStreamCloexec, 0, stdoutPair), "socketpair");
        Check(SocketPair(AfUnix, SockStreamCloexec, 0, stderrPair), "socketpair");

        byte* actions = stackalloc byte[256];
        byte* attributes = stackalloc byte[1024];
        byte* signals = stackalloc byte[128];
        Check(FileActionsInit(actions), "posix_spawn_file_actions_init");
        Check(AttrInit(attributes), "posix_spawnattr_init");
        var unmanaged = new List<nint>();
        try
        {
            Check(FileActionsAddDup2(actions, stdinPair[0], 0), "adddup2");
            Check(FileActionsAddDup2(actions, stdoutPair[0], 1), "adddup2");
            Check(FileActionsAddDup2(actions, stderrPair[0], 2), "adddup2");
            nint directory = Marshal.StringToCoTaskMemUTF8(workingDirectory);
            unmanaged.Add(directory);
            Check(FileActionsAddChdir(actions, (byte*)directory), "addchdir");

            // The runtime ignores SIGPIPE and may block signals: give the child the defaults.
            Check(SigFillSet(signals), "sigfillset");
            Check(AttrSetSigDefault(attributes, signals), "setsigdefault");
            Check(SigEmptySet(signals), "sigemptyset");
            Check(AttrSetSigMask(attributes, signals), "setsigmask");
            Check(AttrSetFlags(attributes, PosixSpawnSetSigDef | PosixSpawnSetSigMask | PosixSpawnSetSid), "setflags");

            nint* args = stackalloc nint[argv.Count + 1];
            for (int i = 0; i < argv.Count; i++)
            {
                args[i] = Marshal.StringToCoTaskMemUTF8(argv[i]);
                unmanaged.Add(args[i]);
            }

            args[argv.Count] = 0;
            nint* env = stackalloc nint[environment.Count + 1];
            int e = 0;
            foreach (KeyValuePair<string, string> variable in environment)
            {
                env[e] = Marshal.StringToCoTaskMemUTF8($"{variable.Key}={variable.Value}");
                unmanaged.Add(env[e++]);
            }

            env[e] = 0;
            nint path = Marshal.StringToCoTaskMemUTF8(file);
            unmanaged.Add(path);
            int pid;
            int error = PosixSpawn(&pid, (byte*)path, actions, attributes, args, env);
            if (error != 0)
            {
                throw new Win32Exception(error, $"posix_spawn {file}");
            }

            Close(stdinPair[0]);
            Close(stdoutPair[0]);
            Close(stderrPair[0]);
            return new ShellProcess(pid, Wrap(stdinPair[1], SocketShutdown.Receive), Wrap(stdoutPair[1], SocketShutdown.Send), Wrap(stderrPair[1], SocketShutdown.Send));
        }
        finally
        {
            FileActionsDestroy(actions);
            AttrDestroy(attributes);
            foreach (nint pointer in unmanaged)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }

    /// <summary>Sends a signal to the process group the child leads.</summary>
    public void Signal(int signal) => _ = Kill(-Pid, signal);

    public void Dispose()
    {
        StandardInput.Dispose();
        StandardOutput.Dispose();
        StandardError.Dispose();
    }

    /// <summary>Our end of a pair as a stream; the unused direction is shut so the child sees EOF where it should.</summary>
    private static SocketStream Wrap(int fd, SocketShutdown unused)
    {
        var socket = new Socket(new SafeSocketHandle(fd, ownsHandle: true));
        socket.Shutdown(unused);
        return new SocketStream(socket);
    }

    private unsafe (int? ExitCode, int? Signal, bool CoreDumped) WaitForExit()
    {
        int status;
        while (WaitPid(Pid, &status, 0) < 0)
        {
            if (Marshal.GetLastPInvokeError() != 4)
            {
                return (null, null, false);
            }
        }

        int termination = status & 0x7f;
        return termination == 0 ? ((status >> 8) & 0xff, null, false) : (null, termination, (status & 0x80) != 0);
    }

    private static void Check(int result, string what)
    {
        if (result != 0)
        {
            throw new Win32Exception(result < 0 ? Marshal.GetLastPInvokeError() : result, what);
        }
    }

    [LibraryImport("libc", EntryPoint = "socketpair", SetLastError = true)]
    private static unsafe partial int SocketPair(int domain, int type, int protocol, int* fds);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static unsafe partial int WaitPid(int pid, int* status, int options);

    [LibraryImport("libc", EntryPoint = "posix_spawnp")]
    private static unsafe partial int PosixSpawn(int* pid, byte* file, byte* actions, byte* attributes, nint* argv, nint* envp);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    private static unsafe partial int FileActionsInit(byte* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    private static unsafe partial int FileActionsDestroy(byte* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_adddup2")]
    private static unsafe partial int FileActionsAddDup2(byte* actions, int fd, int newFd);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addchdir_np")]
    private static unsafe partial int FileActionsAddChdir(byte* actions, byte* path);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_init")]
    private static unsafe partial int AttrInit(byte* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_destroy")]
    private static unsafe partial int AttrDestroy(byte* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setflags")]
    private static unsafe partial int AttrSetFlags(byte* attributes, short flags);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")]
    private static unsafe partial int AttrSetSigDefault(byte* attributes, byte* signals);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigmask")]
    private static unsafe partial int AttrSetSigMask(byte* attributes, byte* signals);

    [LibraryImport("libc", EntryPoint = "sigfillset")]
    private static unsafe partial int SigFillSet(byte* set);

    [LibraryImport("libc", EntryPoint = "sigemptyset")]
    private static unsafe partial int SigEmptySet(byte* set);
}
