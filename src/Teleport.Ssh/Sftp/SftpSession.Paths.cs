using System.Text;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Sftp;

/// <summary>Requests on paths and directories (draft §6.5 to §6.10) and the path rules they share.</summary>
internal sealed partial class SftpSession
{
    /// <summary>PATH_MAX: longer paths would fail in the kernel anyway.</summary>
    private const int MaxPathBytes = 4096;

    /// <summary>Entries per READDIR reply, as OpenSSH sends; keeps a reply far under the packet limit.</summary>
    private const int EntriesPerReaddir = 100;

    private void Stat(uint id, ref SshReader reader, bool followSymlinks)
    {
        string path = ReadPath(ref reader);
        WriteAttributes(id, SftpFileStatus.OfPath(path, followSymlinks).ToAttributes());
    }

    private void Setstat(uint id, ref SshReader reader, bool followSymlinks)
    {
        string path = ReadPath(ref reader);
        SftpAttributes attributes = SftpAttributes.Read(ref reader);
        Audited(SftpActions.Setstat, path, null, null, attributes, () => ApplyToPath(path, attributes, followSymlinks));
        WriteOk(id);
    }

    private void Opendir(uint id, ref SshReader reader)
    {
        string path = ReadPath(ref reader);
        SftpDirectoryHandle handle = Audited(SftpActions.Opendir, path, null, null, null, () =>
        {
            if (_handles.Count >= _options.MaxOpenHandles)
            {
                throw new SftpStatusException(SftpStatusCode.Failure, $"too many open handles (limit {_options.MaxOpenHandles})");
            }

            return SftpDirectoryHandle.Open(path);
        });
        WriteHandle(id, handle);
    }

    private void Readdir(uint id, ref SshReader reader)
    {
        var directory = _handles.Find(reader.ReadString()) as SftpDirectoryHandle
            ?? throw new SftpStatusException(SftpStatusCode.Failure, "invalid directory handle");
        DateTimeOffset now = DateTimeOffset.Now;
        _output.BeginPacket(SftpPacketType.Name, id);
        int countOffset = _output.ReserveUInt32();
        uint count = 0;
        while (count < EntriesPerReaddir && directory.ReadNext() is { } name)
        {
            SftpFileStatus status;
            try
            {
                status = SftpFileStatus.OfPath(Path.Join(directory.Path, name), followSymlinks: false);
            }
            catch (SftpStatusException)
            {
                continue; // removed since readdir saw it: skip it, as ls does
            }

            _output.WriteString(name);
            _output.WriteString(SftpLongName.Format(name, status, now));
            status.ToAttributes().Write(_output);
            count++;
        }

        if (count == 0)
        {
            _output.CancelPacket();
            WriteStatus(id, SftpStatusCode.Eof, "End of file");
            return;
        }

        _output.PatchUInt32(countOffset, count);
        _output.EndPacket();
    }

    private void Remove(uint id, ref SshReader reader)
    {
        string path = ReadPath(ref reader);
        Audited(SftpActions.Remove, path, null, null, null, () => Check(SftpNative.Unlink(path)));
        WriteOk(id);
    }

    private void Mkdir(uint id, ref SshReader reader)
    {
        string path = ReadPath(ref reader);
        SftpAttributes attributes = SftpAttributes.Read(ref reader);
        Audited(SftpActions.Mkdir, path, null, null, attributes, () => Check(SftpNative.Mkdir(path, (attributes.Permissions ?? 0x1FF) & 0xFFF))); // default 0777 before umask
        WriteOk(id);
    }

    private void Rmdir(uint id, ref SshReader reader)
    {
        string path = ReadPath(ref reader);
        Audited(SftpActions.Rmdir, path, null, null, null, () => Check(SftpNative.Rmdir(path)));
        WriteOk(id);
    }

    private void Realpath(uint id, ref SshReader reader)
    {
        string path = ReadPath(ref reader);
        WriteSingleName(id, Canonicalize(path));
    }

    /// <summary>SSH_FXP_RENAME does not replace an existing file (draft §6.5); posix-rename does.</summary>
    private void Rename(uint id, ref SshReader reader)
    {
        string oldPath = ReadPath(ref reader);
        string newPath = ReadPath(ref reader);
        Audited(SftpActions.Rename, oldPath, newPath, null, null, () =>
        {
            if (Exists(newPath))
            {
                throw new SftpStatusException(SftpStatusCode.Failure, $"{newPath} already exists");
            }

            Check(SftpNative.Rename(oldPath, newPath));
        });
        WriteOk(id);
    }

    private unsafe void Readlink(uint id, ref SshReader reader)
    {
        string path = ReadPath(ref reader);
        byte* buffer = stackalloc byte[MaxPathBytes];
        nint length = SftpNative.Readlink(path, buffer, MaxPathBytes);
        if (length < 0)
        {
            throw SftpStatusException.FromLastError();
        }

        WriteSingleName(id, Encoding.UTF8.GetString(buffer, (int)length));
    }

    /// <summary>OpenSSH sends targetpath then linkpath, the reverse of the draft (PROTOCOL §4.1).</summary>
    private void Symlink(uint id, ref SshReader reader)
    {
        // The target is stored as given: a relative target stays relative to the link.
        string target = ReadText(ref reader);
        string linkPath = ReadPath(ref reader);
        Audited(SftpActions.Symlink, target, linkPath, null, null, () => Check(SftpNative.Symlink(target, linkPath)));
        WriteOk(id);
    }

    /// <summary>A path from the client, relative ones taken from the home directory.</summary>
    private string ReadPath(ref SshReader reader)
    {
        string path = ReadText(ref reader);
        return path.Length == 0 ? _home : Path.IsPathRooted(path) ? path : Path.Join(_home, path);
    }

    private static string ReadText(ref SshReader reader)
    {
        string text = reader.ReadUtf8(MaxPathBytes);
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            // libc would stop at the NUL and act on a different file than the one audited.
            throw new SftpStatusException(SftpStatusCode.BadMessage, "path contains a NUL byte");
        }

        return text;
    }

    /// <summary>
    /// REALPATH: an absolute path without ".", ".." or symlinks. The last component may not exist
    /// yet (OpenSSH's sftp_realpath allows it: clients canonicalize upload targets).
    /// </summary>
    private static string Canonicalize(string path)
    {
        if (TryRealpath(path, out string? resolved, out int errno))
        {
            return resolved;
        }

        string full = Path.GetFullPath(path);
        string? parent = Path.GetDirectoryName(full);
        if (errno != 2 || parent is null || !TryRealpath(parent, out string? resolvedParent, out errno))
        {
            throw SftpStatusException.FromErrno(errno);
        }

        return Path.Join(resolvedParent, Path.GetFileName(full));
    }

    private static unsafe bool TryRealpath(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? resolved, out int errno)
    {
        byte* buffer = stackalloc byte[MaxPathBytes];
        if (SftpNative.Realpath(path, buffer) == 0)
        {
            resolved = null;
            errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            return false;
        }

        resolved = Encoding.UTF8.GetString(new ReadOnlySpan<byte>(buffer, MaxPathBytes)[..new ReadOnlySpan<byte>(buffer, MaxPathBytes).IndexOf((byte)0)]);
        errno = 0;
        return true;
    }

    private static bool Exists(string path)
    {
        try
        {
            SftpFileStatus.OfPath(path, followSymlinks: false);
            return true;
        }
        catch (SftpStatusException e) when (e.Code == SftpStatusCode.NoSuchFile)
        {
            return false;
        }
    }

    /// <summary>OpenSSH's order: size, permissions, times, then owner.</summary>
    private static unsafe void ApplyToPath(string path, SftpAttributes attributes, bool followSymlinks)
    {
        int flags = followSymlinks ? 0 : SftpNative.AtSymlinkNoFollow;
        if (attributes.Size is { } size)
        {
            Check(SftpNative.Truncate(path, ToOffset(size)));
        }

        if (attributes.Permissions is { } permissions)
        {
            Check(SftpNative.Fchmodat(SftpNative.AtFdCwd, path, permissions & 0xFFF, flags));
        }

        if (attributes.AccessTime is { } accessTime && attributes.ModifyTime is { } modifyTime)
        {
            long* times = stackalloc long[] { accessTime, 0, modifyTime, 0 };
            Check(SftpNative.Utimensat(SftpNative.AtFdCwd, path, times, flags));
        }

        if (attributes.Uid is { } uid && attributes.Gid is { } gid)
        {
            Check(SftpNative.Fchownat(SftpNative.AtFdCwd, path, uid, gid, flags));
        }
    }

    private static void Check(int result)
    {
        if (result != 0)
        {
            throw SftpStatusException.FromLastError();
        }
    }

    private T Audited<T>(string action, string path, string? targetPath, SftpOpenFlags? flags, SftpAttributes? attributes, Func<T> operation)
    {
        T result;
        try
        {
            result = operation();
        }
        catch (Exception e) when (ToStatus(e) is { } status)
        {
            Audit(action, path, targetPath, flags, attributes, status.Message);
            throw;
        }

        Audit(action, path, targetPath, flags, attributes);
        return result;
    }

    private void Audited(string action, string path, string? targetPath, SftpOpenFlags? flags, SftpAttributes? attributes, Action operation) =>
        Audited(action, path, targetPath, flags, attributes, () =>
        {
            operation();
            return true;
        });
}
