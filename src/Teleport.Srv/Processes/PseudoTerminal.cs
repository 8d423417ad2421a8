using System.Runtime.InteropServices;

namespace Teleport.Srv.Processes;

/// <summary>
/// A PTY pair opened for one session. posix_openpt and the slave's open both take O_CLOEXEC, so no
/// other session spawned concurrently can inherit either end (openpty(3) returns them inheritable,
/// and a stray slave in another process would keep this session's master from ever seeing EOF).
/// The slave is held open only until the child has opened it by path.
/// </summary>
internal sealed class PseudoTerminal : IDisposable
{
    private PseudoTerminal(int master, int slave, string slaveName)
    {
        Master = master;
        Slave = slave;
        SlaveName = slaveName;
    }

    /// <summary>The master, non-blocking; -1 once handed to the streams.</summary>
    public int Master { get; private set; }

    public int Slave { get; private set; }

    /// <summary>/dev/pts/N.</summary>
    public string SlaveName { get; }

    /// <summary>Opens a pair with the requested size and modes; as root, gives the slave to <paramref name="owner"/> (group tty, 0620).</summary>
    public static unsafe PseudoTerminal Open(PtyOptions options, UnixUser owner)
    {
        int master = Native.PosixOpenPt(Native.ORdWr | Native.ONoCtty | Native.OCloExec);
        if (master < 0)
        {
            throw Failure("posix_openpt", Marshal.GetLastPInvokeError());
        }

        int slave = -1;
        try
        {
            if (Native.GrantPt(master) < 0)
            {
                throw Failure("grantpt", Marshal.GetLastPInvokeError());
            }

            if (Native.UnlockPt(master) < 0)
            {
                throw Failure("unlockpt", Marshal.GetLastPInvokeError());
            }

            byte* name = stackalloc byte[128];
            int error = Native.PtsNameR(master, name, 128);
            if (error != 0)
            {
                throw Failure("ptsname_r", error);
            }

            string slaveName = Marshal.PtrToStringUTF8((nint)name)!;
            slave = Native.Open(name, Native.ORdWr | Native.ONoCtty | Native.OCloExec, 0);
            if (slave < 0)
            {
                throw Failure($"open {slaveName}", Marshal.GetLastPInvokeError());
            }

            if (Native.GetEUid() == 0)
            {
                // As sshd's pty_setowner: the user owns the terminal, group tty may write to it (write(1), wall(1)).
                int group = UnixUser.LookupGroupId("tty") ?? owner.Gid;
                if (Native.FChown(slave, (uint)owner.Uid, (uint)group) < 0)
                {
                    throw Failure($"chown {slaveName}", Marshal.GetLastPInvokeError());
                }

                if (Native.FChmod(slave, Convert.ToUInt32("620", 8)) < 0)
                {
                    throw Failure($"chmod {slaveName}", Marshal.GetLastPInvokeError());
                }
            }

            TerminalModes.Apply(slave, options.Modes);
            var terminal = new PseudoTerminal(master, slave, slaveName);
            terminal.Resize(options.Columns, options.Rows, options.WidthPixels, options.HeightPixels);
            int flags = Native.Fcntl(master, Native.FGetFl, 0);
            if (flags < 0 || Native.Fcntl(master, Native.FSetFl, flags | Native.ONonBlock) < 0)
            {
                throw Failure("fcntl O_NONBLOCK", Marshal.GetLastPInvokeError());
            }

            return terminal;
        }
        catch
        {
            if (slave >= 0)
            {
                _ = Native.Close(slave);
            }

            _ = Native.Close(master);
            throw;
        }
    }

    /// <summary>TIOCSWINSZ on the master: the kernel sends SIGWINCH to the terminal's foreground process group.</summary>
    public unsafe void Resize(uint columns, uint rows, uint widthPixels, uint heightPixels) =>
        SetWindowSize(Master, columns, rows, widthPixels, heightPixels);

    internal static unsafe void SetWindowSize(int fd, uint columns, uint rows, uint widthPixels, uint heightPixels)
    {
        var size = new Native.WinSize
        {
            Columns = Clamp(columns),
            Rows = Clamp(rows),
            WidthPixels = Clamp(widthPixels),
            HeightPixels = Clamp(heightPixels),
        };
        if (Native.Ioctl(fd, Native.TiocSWinSz, &size) < 0)
        {
            throw Failure("TIOCSWINSZ", Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>Our copy of the slave goes once the child holds its own, so the master reads EOF when the child's last copy closes.</summary>
    public void CloseSlave()
    {
        if (Slave >= 0)
        {
            _ = Native.Close(Slave);
            Slave = -1;
        }
    }

    /// <summary>The master split into a stream to read and a stream to write (two descriptors: one poll registration each).</summary>
    public (Stream Input, Stream Output) TakeMaster()
    {
        int writer = Native.Fcntl(Master, Native.FDupFdCloExec, 3);
        if (writer < 0)
        {
            throw Failure("dup", Marshal.GetLastPInvokeError());
        }

        var output = new TerminalStream(Master, reading: true);
        var input = new TerminalStream(writer, reading: false);
        Master = -1;
        return (input, output);
    }

    public void Dispose()
    {
        CloseSlave();
        if (Master >= 0)
        {
            _ = Native.Close(Master);
            Master = -1;
        }
    }

    private static ushort Clamp(uint value) => (ushort)Math.Min(value, ushort.MaxValue);

    private static SessionProcessException Failure(string what, int errno) =>
        new($"cannot allocate a terminal: {what}: {Native.ErrorText(errno)}");
}
