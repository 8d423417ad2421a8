using System.Runtime.InteropServices;

namespace Teleport.Ssh.Sftp;

/// <summary>
/// What statx(2) says about a file. statx rather than stat because struct statx has one layout on
/// every architecture (linux/stat.h), so the offsets below are the same on x86-64 and arm64.
/// </summary>
internal readonly record struct SftpFileStatus(uint Mode, uint Uid, uint Gid, ulong Size, uint LinkCount, long AccessTime, long ModifyTime)
{
    public const uint TypeMask = 0xF000;  // S_IFMT
    public const uint Directory = 0x4000; // S_IFDIR
    public const uint Regular = 0x8000;   // S_IFREG
    public const uint Symlink = 0xA000;   // S_IFLNK

    private const uint StatxBasicStats = 0x7FF;
    private const int StatxSize = 256;

    public bool IsDirectory => (Mode & TypeMask) == Directory;

    public bool IsSymlink => (Mode & TypeMask) == Symlink;

    public bool IsRegular => (Mode & TypeMask) == Regular;

    /// <summary>stat (following a final symlink) or lstat.</summary>
    public static unsafe SftpFileStatus OfPath(string path, bool followSymlinks)
    {
        byte* buffer = stackalloc byte[StatxSize];
        int flags = followSymlinks ? 0 : SftpNative.AtSymlinkNoFollow;
        if (SftpNative.Statx(SftpNative.AtFdCwd, path, flags, StatxBasicStats, buffer) != 0)
        {
            throw SftpStatusException.FromLastError();
        }

        return Parse(new ReadOnlySpan<byte>(buffer, StatxSize));
    }

    /// <summary>fstat of an open descriptor (statx with AT_EMPTY_PATH).</summary>
    public static unsafe SftpFileStatus OfDescriptor(int fd)
    {
        byte* buffer = stackalloc byte[StatxSize];
        if (SftpNative.Statx(fd, string.Empty, SftpNative.AtEmptyPath, StatxBasicStats, buffer) != 0)
        {
            throw SftpStatusException.FromLastError();
        }

        return Parse(new ReadOnlySpan<byte>(buffer, StatxSize));
    }

    /// <summary>The ATTRS a client gets for this file: everything version 3 can carry.</summary>
    public SftpAttributes ToAttributes() => new()
    {
        Size = Size,
        Uid = Uid,
        Gid = Gid,
        Permissions = Mode,
        AccessTime = unchecked((uint)AccessTime),
        ModifyTime = unchecked((uint)ModifyTime),
    };

    private static SftpFileStatus Parse(ReadOnlySpan<byte> statx)
    {
        // struct statx: stx_nlink @16, stx_uid @20, stx_gid @24, stx_mode (u16) @28, stx_size @40,
        // stx_atime.tv_sec @64, stx_mtime.tv_sec @112; native byte order.
        return new SftpFileStatus(
            MemoryMarshal.Read<ushort>(statx[28..]),
            MemoryMarshal.Read<uint>(statx[20..]),
            MemoryMarshal.Read<uint>(statx[24..]),
            MemoryMarshal.Read<ulong>(statx[40..]),
            MemoryMarshal.Read<uint>(statx[16..]),
            MemoryMarshal.Read<long>(statx[64..]),
            MemoryMarshal.Read<long>(statx[112..]));
    }
}
