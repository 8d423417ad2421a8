using System.Buffers;
using System.Runtime.InteropServices;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Sftp;

/// <summary>SSH_FXP_EXTENDED requests: OpenSSH's extensions (PROTOCOL §4) and the draft-13 copy-data and home-directory.</summary>
internal sealed partial class SftpSession
{
    private const int StatvfsSize = 128; // struct statvfs is 112 bytes on 64-bit glibc
    private const int CopyChunk = 64 * 1024;

    private void Extended(uint id, ref SshReader reader)
    {
        string request = reader.ReadUtf8(256);
        switch (request)
        {
            case SftpExtensionNames.PosixRename:
                PosixRename(id, ref reader);
                break;
            case SftpExtensionNames.Statvfs:
                string path = ReadPath(ref reader);
                WriteStatvfs(id, path, -1);
                break;
            case SftpExtensionNames.Fstatvfs:
                WriteStatvfs(id, null, ReadFileHandle(ref reader).Descriptor);
                break;
            case SftpExtensionNames.Hardlink:
                Hardlink(id, ref reader);
                break;
            case SftpExtensionNames.Fsync:
                Check(SftpNative.Fsync(ReadFileHandle(ref reader).Descriptor));
                WriteOk(id);
                break;
            case SftpExtensionNames.Lsetstat:
                Setstat(id, ref reader, followSymlinks: false);
                break;
            case SftpExtensionNames.Limits:
                WriteLimits(id);
                break;
            case SftpExtensionNames.ExpandPath:
                WriteSingleName(id, Canonicalize(ExpandTilde(ReadText(ref reader))));
                break;
            case SftpExtensionNames.CopyData:
                CopyData(id, ref reader);
                break;
            case SftpExtensionNames.HomeDirectory:
                HomeDirectory(id, ref reader);
                break;
            default:
                WriteStatus(id, SftpStatusCode.OpUnsupported, $"extension {request} is not supported");
                break;
        }
    }

    private void PosixRename(uint id, ref SshReader reader)
    {
        string oldPath = ReadPath(ref reader);
        string newPath = ReadPath(ref reader);
        Audited(SftpActions.Rename, oldPath, newPath, null, null, () => Check(SftpNative.Rename(oldPath, newPath)));
        WriteOk(id);
    }

    private void Hardlink(uint id, ref SshReader reader)
    {
        string oldPath = ReadPath(ref reader);
        string newPath = ReadPath(ref reader);
        Audited(SftpActions.Link, oldPath, newPath, null, null, () => Check(SftpNative.Link(oldPath, newPath)));
        WriteOk(id);
    }

    private unsafe void WriteStatvfs(uint id, string? path, int fd)
    {
        byte* buffer = stackalloc byte[StatvfsSize];
        Check(path is null ? SftpNative.Fstatvfs(fd, buffer) : SftpNative.Statvfs(path, buffer));

        // struct statvfs on 64-bit glibc: f_bsize, f_frsize, f_blocks, f_bfree, f_bavail, f_files,
        // f_ffree, f_favail, f_fsid, f_flag, f_namemax, each 8 bytes: the reply's eleven uint64s in order.
        var fields = new ReadOnlySpan<byte>(buffer, StatvfsSize);
        _output.BeginPacket(SftpPacketType.ExtendedReply, id);
        for (int i = 0; i < 11; i++)
        {
            ulong value = MemoryMarshal.Read<ulong>(fields[(i * 8)..]);
            if (i == 9)
            {
                value &= 0x3; // only ST_RDONLY and ST_NOSUID have protocol values, and they match Linux's
            }

            _output.WriteUInt64(value);
        }

        _output.EndPacket();
    }

    /// <summary>limits@openssh.com: max packet, read and write lengths, and open handles.</summary>
    private void WriteLimits(uint id)
    {
        _output.BeginPacket(SftpPacketType.ExtendedReply, id);
        _output.WriteUInt64((ulong)_options.MaxPacketLength);
        _output.WriteUInt64((ulong)_options.MaxReadLength);
        _output.WriteUInt64((ulong)(_options.MaxPacketLength - 1024));
        _output.WriteUInt64((ulong)_options.MaxOpenHandles);
        _output.EndPacket();
    }

    /// <summary>"~" and "~/x" are the home directory; "~user" is refused (we serve one user).</summary>
    private string ExpandTilde(string path)
    {
        if (path == "~")
        {
            return _home;
        }

        if (path.StartsWith("~/", StringComparison.Ordinal))
        {
            return Path.Join(_home, path[2..]);
        }

        if (path.StartsWith('~'))
        {
            throw new SftpStatusException(SftpStatusCode.NoSuchFile, "only the session user's home directory can be expanded");
        }

        return path.Length == 0 ? _home : Path.IsPathRooted(path) ? path : Path.Join(_home, path);
    }

    private void HomeDirectory(uint id, ref SshReader reader)
    {
        string user = reader.ReadUtf8(256);
        if (user.Length != 0 && user != Environment.UserName)
        {
            throw new SftpStatusException(SftpStatusCode.NoSuchFile, "only the session user's home directory is known");
        }

        WriteSingleName(id, _home);
    }

    /// <summary>copy-data (draft-ietf-secsh-filexfer-extensions-00 §7): a server-side copy between handles.</summary>
    private void CopyData(uint id, ref SshReader reader)
    {
        ReadOnlySpan<byte> fromName = reader.ReadString();
        SftpFileHandle from = _handles.Find(fromName) as SftpFileHandle ?? throw new SftpStatusException(SftpStatusCode.Failure, "invalid file handle");
        long readOffset = ToOffset(reader.ReadUInt64());
        ulong length = reader.ReadUInt64();
        SftpFileHandle to = ReadFileHandle(ref reader);
        long writeOffset = ToOffset(reader.ReadUInt64());
        if (ReferenceEquals(from, to) && (length == 0 || (ulong)Math.Abs(writeOffset - readOffset) < length))
        {
            throw new SftpStatusException(SftpStatusCode.Failure, "copy-data within one file must not overlap");
        }

        byte[] chunk = ArrayPool<byte>.Shared.Rent(CopyChunk);
        try
        {
            ulong remaining = length;
            while (length == 0 || remaining > 0)
            {
                int want = length == 0 ? CopyChunk : (int)Math.Min(remaining, CopyChunk);
                int read = RandomAccess.Read(from.File, chunk.AsSpan(0, want), readOffset);
                if (read == 0)
                {
                    if (length != 0)
                    {
                        throw new SftpStatusException(SftpStatusCode.Eof, "End of file");
                    }

                    break;
                }

                RandomAccess.Write(to.File, chunk.AsSpan(0, read), writeOffset);
                readOffset += read;
                writeOffset += read;
                remaining -= (ulong)read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk, clearArray: true);
        }

        WriteOk(id);
    }
}
