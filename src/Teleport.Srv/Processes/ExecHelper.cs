using System.Runtime.InteropServices;
using System.Text;

namespace Teleport.Srv.Processes;

/// <summary>
/// <c>teleport exec</c>: the short-lived, root-started helper that becomes the session user and
/// execve's the session's program. It runs in a fresh process started by posix_spawn (so managed
/// code here is safe, unlike after a fork of the multi-threaded node), with the PTY or socket pairs
/// already on fds 0-2 and the environment on fd 3 (<see cref="ExecArguments"/>). Start-up is what
/// every session pays: no DI, no logging, no command-line library, and no Console (which would
/// write terminfo sequences to a terminal on stdout).
/// </summary>
public static class ExecHelper
{
    private const int ExitFailure = 255;
    private const int ExitNotFound = 127;

    /// <summary>Entry point for <c>teleport exec ...</c>; returns only on failure (the exit code).</summary>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (ExecArguments.Decode(args) is not ExecArguments exec)
        {
            return Fail("teleport exec is started by the node for its sessions, not by hand");
        }

        if (ReadEnvironment() is not List<string> environment)
        {
            return Fail("the session's environment did not arrive on fd 3");
        }

        if (SwitchUser(exec) is string failure)
        {
            return Fail(failure);
        }

        ChangeDirectory(exec.Home);
        RestoreSignals();
        int errno = Execute(exec.Program, exec.Arguments, environment);
        return Fail($"cannot run {exec.Program}: {Native.ErrorText(errno)}", errno is Native.ENOENT or Native.ENOTDIR ? ExitNotFound : ExitFailure);
    }

    private static unsafe List<string>? ReadEnvironment()
    {
        var data = new List<byte>(4096);
        byte* buffer = stackalloc byte[4096];
        while (true)
        {
            nint read = Native.Read(ExecArguments.EnvironmentFd, buffer, 4096);
            if (read < 0 && Marshal.GetLastPInvokeError() == Native.EINTR)
            {
                continue;
            }

            if (read <= 0)
            {
                break;
            }

            data.AddRange(new ReadOnlySpan<byte>(buffer, (int)read));
        }

        // The program must not inherit it.
        _ = Native.Close(ExecArguments.EnvironmentFd);
        return ExecArguments.DecodeEnvironment(CollectionsMarshal.AsSpan(data));
    }

    /// <summary>setgroups, setgid, setuid, in that order (each needs the privilege the next drops), then proof that they held.</summary>
    private static unsafe string? SwitchUser(ExecArguments exec)
    {
        uint[] groups = [.. exec.Groups.Select(group => (uint)group)];
        fixed (uint* g = groups)
        {
            if (Native.SetGroups((nuint)groups.Length, g) < 0)
            {
                return $"cannot set the groups of uid {exec.Uid}: setgroups: {LastError()}";
            }
        }

        if (Native.SetGid((uint)exec.Gid) < 0)
        {
            return $"cannot switch to gid {exec.Gid}: {LastError()}";
        }

        if (Native.SetUid((uint)exec.Uid) < 0)
        {
            return $"cannot switch to uid {exec.Uid}: {LastError()}";
        }

        if (Native.GetUid() != (uint)exec.Uid || Native.GetEUid() != (uint)exec.Uid
            || Native.GetGid() != (uint)exec.Gid || Native.GetEGid() != (uint)exec.Gid)
        {
            return $"switching to uid {exec.Uid} gid {exec.Gid} did not take effect";
        }

        // setuid as root sets the real, effective and saved ids: getting root back must now fail.
        if (exec.Uid != 0 && Native.SetUid(0) == 0)
        {
            return $"uid {exec.Uid} could regain root after the switch: refusing to run the session";
        }

        return null;
    }

    /// <summary>The home directory, else / with OpenSSH's message (session.c do_child).</summary>
    private static unsafe void ChangeDirectory(string home)
    {
        nint path = Marshal.StringToCoTaskMemUTF8(home);
        int result = Native.ChDir((byte*)path);
        int errno = Marshal.GetLastPInvokeError();
        Marshal.FreeCoTaskMem(path);
        if (result == 0)
        {
            return;
        }

        WriteError($"Could not chdir to home directory {home}: {Native.ErrorText(errno)}");
        byte* root = stackalloc byte[] { (byte)'/', 0 };
        _ = Native.ChDir(root);
    }

    /// <summary>
    /// execve keeps ignored signals ignored and the signal mask: undo what the runtime set up
    /// (it ignores SIGPIPE), so the program starts with the defaults posix_spawn gave this helper.
    /// Handlers need nothing: execve resets them.
    /// </summary>
    private static unsafe void RestoreSignals()
    {
        const int SigSetMask = 2;
        for (int signal = 1; signal < 32; signal++)
        {
            if (signal is not Native.SigKill and not Native.SigStop)
            {
                _ = Native.Signal(signal, 0);
            }
        }

        byte* empty = stackalloc byte[Native.SigSetSize];
        _ = Native.SigEmptySet(empty);
        _ = Native.SigProcMask(SigSetMask, empty, null);
    }

    /// <summary>execve; returns only on failure, with errno.</summary>
    private static unsafe int Execute(string program, IReadOnlyList<string> arguments, List<string> environment)
    {
        nint* argv = stackalloc nint[arguments.Count + 1];
        for (int i = 0; i < arguments.Count; i++)
        {
            argv[i] = Marshal.StringToCoTaskMemUTF8(arguments[i]);
        }

        argv[arguments.Count] = 0;
        nint* envp = stackalloc nint[environment.Count + 1];
        for (int i = 0; i < environment.Count; i++)
        {
            envp[i] = Marshal.StringToCoTaskMemUTF8(environment[i]);
        }

        envp[environment.Count] = 0;
        nint path = Marshal.StringToCoTaskMemUTF8(program);
        _ = Native.ExecVe((byte*)path, argv, envp);
        return Marshal.GetLastPInvokeError();
    }

    private static int Fail(string message, int exitCode = ExitFailure)
    {
        WriteError(message);
        return exitCode;
    }

    /// <summary>write(2) on fd 2: with a PTY, the terminal wants CR LF.</summary>
    private static unsafe void WriteError(string message)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(message + "\r\n");
        fixed (byte* b = bytes)
        {
            _ = Native.Write(2, b, bytes.Length);
        }
    }

    private static string LastError() => Native.ErrorText(Marshal.GetLastPInvokeError());
}
