using Microsoft.Win32.SafeHandles;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Sftp;

/// <summary>Requests on open files: OPEN, CLOSE, READ, WRITE, FSTAT, FSETSTAT (draft §6.3 to §6.9).</summary>
internal sealed partial class SftpSession
{
    private void Open(uint id, ref SshReader reader)
    {
        string path = ReadPath(ref reader);
        var flags = (SftpOpenFlags)reader.ReadUInt32();
        SftpAttributes attributes = SftpAttributes.Read(ref reader);
        SftpFileHandle handle = Audited(SftpActions.Open, path, null, flags, attributes, () =>
        {
            if (_handles.Count >= _options.MaxOpenHandles)
            {
                throw new SftpStatusException(SftpStatusCode.Failure, $"too many open handles (limit {_options.MaxOpenHandles})");
            }

            int fd = SftpNative.Open(path, ToOpenFlags(flags), (attributes.Permissions ?? 0x1B6) & 0xFFF); // default 0666 before umask
            if (fd < 0)
            {
                throw SftpStatusException.FromLastError();
            }

            return new SftpFileHandle(path, new SafeFileHandle(fd, ownsHandle: true));
        });
        WriteHandle(id, handle);
    }

    private void Close(uint id, ref SshReader reader)
    {
        SftpHandle handle = _handles.Remove(reader.ReadString()) ?? throw new SftpStatusException(SftpStatusCode.Failure, "invalid handle");
        handle.Dispose();
        WriteOk(id);
    }

    private void Read(uint id, ref SshReader reader)
    {
        SftpFileHandle handle = ReadFileHandle(ref reader);
        long offset = ToOffset(reader.ReadUInt64());
        int length = (int)Math.Min(reader.ReadUInt32(), (uint)_options.MaxReadLength);

        // The data goes straight from the file into the reply: uint32 length, then the bytes.
        _output.BeginPacket(SftpPacketType.Data, id);
        Span<byte> reply = _output.GetSpan(4 + length);
        int read = RandomAccess.Read(handle.File, reply.Slice(4, length), offset);
        if (read == 0)
        {
            _output.CancelPacket();
            WriteStatus(id, SftpStatusCode.Eof, "End of file");
            return;
        }

        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(reply, (uint)read);
        _output.Advance(4 + read);
        _output.EndPacket();
    }

    private void Write(uint id, ref SshReader reader)
    {
        SftpFileHandle handle = ReadFileHandle(ref reader);
        long offset = ToOffset(reader.ReadUInt64());
        ReadOnlySpan<byte> data = reader.ReadString();
        RandomAccess.Write(handle.File, data, offset);
        WriteOk(id);
    }

    private void Fstat(uint id, ref SshReader reader)
    {
        SftpFileHandle handle = ReadFileHandle(ref reader);
        WriteAttributes(id, SftpFileStatus.OfDescriptor(handle.Descriptor).ToAttributes());
    }

    private void Fsetstat(uint id, ref SshReader reader)
    {
        SftpFileHandle handle = ReadFileHandle(ref reader);
        SftpAttributes attributes = SftpAttributes.Read(ref reader);
        Audited(SftpActions.Fsetstat, handle.Path, null, null, attributes, () => ApplyToDescriptor(handle.Descriptor, attributes));
        WriteOk(id);
    }

    /// <summary>OpenSSH's order: size, permissions, times, then owner.</summary>
    private static unsafe void ApplyToDescriptor(int fd, SftpAttributes attributes)
    {
        if (attributes.Size is { } size && SftpNative.Ftruncate(fd, ToOffset(size)) != 0)
        {
            throw SftpStatusException.FromLastError();
        }

        if (attributes.Permissions is { } permissions && SftpNative.Fchmod(fd, permissions & 0xFFF) != 0)
        {
            throw SftpStatusException.FromLastError();
        }

        if (attributes.AccessTime is { } accessTime && attributes.ModifyTime is { } modifyTime)
        {
            long* times = stackalloc long[] { accessTime, 0, modifyTime, 0 };
            if (SftpNative.Futimens(fd, times) != 0)
            {
                throw SftpStatusException.FromLastError();
            }
        }

        if (attributes.Uid is { } uid && attributes.Gid is { } gid && SftpNative.Fchown(fd, uid, gid) != 0)
        {
            throw SftpStatusException.FromLastError();
        }
    }

    private static int ToOpenFlags(SftpOpenFlags flags)
    {
        int open = (flags & (SftpOpenFlags.Read | SftpOpenFlags.Write)) switch
        {
            SftpOpenFlags.Read | SftpOpenFlags.Write => SftpNative.ORdWr,
            SftpOpenFlags.Write => SftpNative.OWrOnly,
            _ => SftpNative.ORdOnly,
        };
        open |= SftpNative.OCloExec;
        if (flags.HasFlag(SftpOpenFlags.Append))
        {
            open |= SftpNative.OAppend;
        }

        if (flags.HasFlag(SftpOpenFlags.Create))
        {
            open |= SftpNative.OCreat;
        }

        if (flags.HasFlag(SftpOpenFlags.Truncate))
        {
            open |= SftpNative.OTrunc;
        }

        if (flags.HasFlag(SftpOpenFlags.Exclusive))
        {
            open |= SftpNative.OExcl;
        }

        return open;
    }

    private static long ToOffset(ulong value) =>
        value <= long.MaxValue ? (long)value : throw new SftpStatusException(SftpStatusCode.BadMessage, $"offset {value} is out of range");
}
