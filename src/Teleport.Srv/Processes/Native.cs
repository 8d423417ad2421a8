using System.Runtime.InteropServices;

namespace Teleport.Srv.Processes;

/// <summary>
/// The glibc calls the launcher needs, with x86-64 Linux constants and layouts. Everything is
/// called from the parent or from the helper before execve: nothing here runs between fork and exec.
/// </summary>
internal static unsafe partial class Native
{
    public const int ENOENT = 2;
    public const int EINTR = 4;
    public const int EIO = 5;
    public const int EAGAIN = 11;
    public const int EACCES = 13;
    public const int ENOTDIR = 20;
    public const int ERANGE = 34;
    public const int ENOSYS = 38;

    public const int ORdWr = 2;
    public const int ONoCtty = 0x100;
    public const int ONonBlock = 0x800;
    public const int OCloExec = 0x80000;

    public const int FGetFl = 3;
    public const int FSetFl = 4;
    public const int FDupFdCloExec = 1030;

    public const int AfUnix = 1;
    public const int SockStreamCloExec = 1 | OCloExec;

    public const short PosixSpawnSetSigDef = 0x04;
    public const short PosixSpawnSetSigMask = 0x08;
    public const short PosixSpawnSetSid = 0x80;

    public const int SigHup = 1;
    public const int SigKill = 9;
    public const int SigStop = 19;
    public const int WNoHang = 1;

    public const uint TiocSWinSz = 0x5414;
    public const int TcSaNow = 0;

    /// <summary>sizeof(posix_spawn_file_actions_t) is 80, sizeof(posix_spawnattr_t) 336, sizeof(sigset_t) 128: generous buffers.</summary>
    public const int SpawnActionsSize = 256;

    public const int SpawnAttributesSize = 1024;
    public const int SigSetSize = 128;

    private const string Libc = "libc";

    [LibraryImport(Libc, EntryPoint = "socketpair", SetLastError = true)]
    public static partial int SocketPair(int domain, int type, int protocol, int* fds);

    [LibraryImport(Libc, EntryPoint = "close")]
    public static partial int Close(int fd);

    [LibraryImport(Libc, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport(Libc, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport(Libc, EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport(Libc, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, void* argument);

    [LibraryImport(Libc, EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport(Libc, EntryPoint = "waitpid", SetLastError = true)]
    public static partial int WaitPid(int pid, int* status, int options);

    [LibraryImport(Libc, EntryPoint = "pidfd_open", SetLastError = true)]
    public static partial int PidFdOpen(int pid, uint flags);

    [LibraryImport(Libc, EntryPoint = "geteuid")]
    public static partial uint GetEUid();

    [LibraryImport(Libc, EntryPoint = "getuid")]
    public static partial uint GetUid();

    [LibraryImport(Libc, EntryPoint = "getegid")]
    public static partial uint GetEGid();

    [LibraryImport(Libc, EntryPoint = "getgid")]
    public static partial uint GetGid();

    [LibraryImport(Libc, EntryPoint = "getpwnam_r")]
    public static partial int GetPwNamR(byte* name, Passwd* passwd, byte* buffer, nuint length, Passwd** result);

    [LibraryImport(Libc, EntryPoint = "getpwuid_r")]
    public static partial int GetPwUidR(uint uid, Passwd* passwd, byte* buffer, nuint length, Passwd** result);

    [LibraryImport(Libc, EntryPoint = "getgrnam_r")]
    public static partial int GetGrNamR(byte* name, Group* group, byte* buffer, nuint length, Group** result);

    [LibraryImport(Libc, EntryPoint = "getgrouplist")]
    public static partial int GetGroupList(byte* user, uint group, uint* groups, int* count);

    [LibraryImport(Libc, EntryPoint = "setgroups", SetLastError = true)]
    public static partial int SetGroups(nuint size, uint* groups);

    [LibraryImport(Libc, EntryPoint = "getgroups", SetLastError = true)]
    public static partial int GetGroups(int size, uint* groups);

    [LibraryImport(Libc, EntryPoint = "setgid", SetLastError = true)]
    public static partial int SetGid(uint gid);

    [LibraryImport(Libc, EntryPoint = "setuid", SetLastError = true)]
    public static partial int SetUid(uint uid);

    [LibraryImport(Libc, EntryPoint = "chdir", SetLastError = true)]
    public static partial int ChDir(byte* path);

    [LibraryImport(Libc, EntryPoint = "execve", SetLastError = true)]
    public static partial int ExecVe(byte* path, nint* argv, nint* envp);

    [LibraryImport(Libc, EntryPoint = "signal")]
    public static partial nint Signal(int signal, nint handler);

    [LibraryImport(Libc, EntryPoint = "sigprocmask")]
    public static partial int SigProcMask(int how, byte* set, byte* old);

    [LibraryImport(Libc, EntryPoint = "posix_openpt", SetLastError = true)]
    public static partial int PosixOpenPt(int flags);

    [LibraryImport(Libc, EntryPoint = "grantpt", SetLastError = true)]
    public static partial int GrantPt(int fd);

    [LibraryImport(Libc, EntryPoint = "unlockpt", SetLastError = true)]
    public static partial int UnlockPt(int fd);

    [LibraryImport(Libc, EntryPoint = "ptsname_r")]
    public static partial int PtsNameR(int fd, byte* buffer, nuint length);

    [LibraryImport(Libc, EntryPoint = "open", SetLastError = true)]
    public static partial int Open(byte* path, int flags, int mode);

    [LibraryImport(Libc, EntryPoint = "fchown", SetLastError = true)]
    public static partial int FChown(int fd, uint uid, uint gid);

    [LibraryImport(Libc, EntryPoint = "fchmod", SetLastError = true)]
    public static partial int FChmod(int fd, uint mode);

    [LibraryImport(Libc, EntryPoint = "tcgetattr", SetLastError = true)]
    public static partial int TcGetAttr(int fd, Termios* termios);

    [LibraryImport(Libc, EntryPoint = "tcsetattr", SetLastError = true)]
    public static partial int TcSetAttr(int fd, int actions, Termios* termios);

    [LibraryImport(Libc, EntryPoint = "cfsetispeed")]
    public static partial int CfSetISpeed(Termios* termios, uint speed);

    [LibraryImport(Libc, EntryPoint = "cfsetospeed")]
    public static partial int CfSetOSpeed(Termios* termios, uint speed);

    [LibraryImport(Libc, EntryPoint = "posix_spawn")]
    public static partial int PosixSpawn(int* pid, byte* path, byte* actions, byte* attributes, nint* argv, nint* envp);

    [LibraryImport(Libc, EntryPoint = "posix_spawn_file_actions_init")]
    public static partial int FileActionsInit(byte* actions);

    [LibraryImport(Libc, EntryPoint = "posix_spawn_file_actions_destroy")]
    public static partial int FileActionsDestroy(byte* actions);

    [LibraryImport(Libc, EntryPoint = "posix_spawn_file_actions_adddup2")]
    public static partial int FileActionsAddDup2(byte* actions, int fd, int newFd);

    [LibraryImport(Libc, EntryPoint = "posix_spawn_file_actions_addopen")]
    public static partial int FileActionsAddOpen(byte* actions, int fd, byte* path, int flags, uint mode);

    [LibraryImport(Libc, EntryPoint = "posix_spawn_file_actions_addclosefrom_np")]
    public static partial int FileActionsAddCloseFrom(byte* actions, int lowFd);

    [LibraryImport(Libc, EntryPoint = "posix_spawn_file_actions_addchdir_np")]
    public static partial int FileActionsAddChdir(byte* actions, byte* path);

    [LibraryImport(Libc, EntryPoint = "posix_spawnattr_init")]
    public static partial int AttrInit(byte* attributes);

    [LibraryImport(Libc, EntryPoint = "posix_spawnattr_destroy")]
    public static partial int AttrDestroy(byte* attributes);

    [LibraryImport(Libc, EntryPoint = "posix_spawnattr_setflags")]
    public static partial int AttrSetFlags(byte* attributes, short flags);

    [LibraryImport(Libc, EntryPoint = "posix_spawnattr_setsigdefault")]
    public static partial int AttrSetSigDefault(byte* attributes, byte* signals);

    [LibraryImport(Libc, EntryPoint = "posix_spawnattr_setsigmask")]
    public static partial int AttrSetSigMask(byte* attributes, byte* signals);

    [LibraryImport(Libc, EntryPoint = "sigfillset")]
    public static partial int SigFillSet(byte* set);

    [LibraryImport(Libc, EntryPoint = "sigemptyset")]
    public static partial int SigEmptySet(byte* set);

    [LibraryImport(Libc, EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int EpollCreate1(int flags);

    [LibraryImport(Libc, EntryPoint = "epoll_ctl", SetLastError = true)]
    public static partial int EpollCtl(int epoll, int operation, int fd, EpollEvent* @event);

    [LibraryImport(Libc, EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int EpollWait(int epoll, EpollEvent* events, int maxEvents, int timeout);

    /// <summary>The C text of an errno value ("No such file or directory").</summary>
    public static string ErrorText(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    /// <summary>struct passwd on LP64 glibc.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Passwd
    {
        public byte* Name;
        public byte* Password;
        public uint Uid;
        public uint Gid;
        public byte* Gecos;
        public byte* Directory;
        public byte* Shell;
    }

    /// <summary>struct group on LP64 glibc.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Group
    {
        public byte* Name;
        public byte* Password;
        public uint Gid;
        public byte** Members;
    }

    /// <summary>struct termios on Linux glibc (60 bytes, NCCS 32).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Termios
    {
        public uint InputFlags;
        public uint OutputFlags;
        public uint ControlFlags;
        public uint LocalFlags;
        public byte Line;
        public fixed byte ControlCharacters[32];
        public uint InputSpeed;
        public uint OutputSpeed;
    }

    /// <summary>struct winsize.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct WinSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort WidthPixels;
        public ushort HeightPixels;
    }

    /// <summary>struct epoll_event is packed on x86-64 (12 bytes).</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    public struct EpollEvent
    {
        public uint Events;
        public ulong Data;
    }
}
