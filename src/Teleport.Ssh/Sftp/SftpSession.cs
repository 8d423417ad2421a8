using System.Buffers;
using System.Buffers.Binary;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Sftp;

/// <summary>
/// One SFTP conversation: a receive loop that takes whole packets out of one pooled buffer and
/// answers each in order, synchronously, into <see cref="SftpOutput"/>. Replies are flushed when
/// enough have gathered and always before the loop waits for more input, so a pipelining client
/// gets batched writes and a lock-step client is never left waiting.
/// </summary>
internal sealed partial class SftpSession : IDisposable
{
    private const int FlushThreshold = 128 * 1024;

    private readonly SftpServerOptions _options;
    private readonly Stream _outputStream;
    private readonly SftpOutput _output;
    private readonly SftpHandleTable _handles;
    private readonly string _home;
    private bool _initialized;

    public SftpSession(SftpServerOptions options, Stream output)
    {
        _options = options;
        _outputStream = output;
        _output = new SftpOutput(FlushThreshold + options.MaxPacketLength);
        _handles = new SftpHandleTable(options.MaxOpenHandles);
        _home = options.HomeDirectory;
    }

    public async Task RunAsync(Stream input, CancellationToken cancellationToken)
    {
        // Room for the largest packet plus slack, so one read usually brings several requests.
        byte[] buffer = ArrayPool<byte>.Shared.Rent(_options.MaxPacketLength + 4 + (64 * 1024));
        try
        {
            int start = 0;
            int end = 0;
            while (true)
            {
                while (end - start >= 4)
                {
                    uint length = BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(start));
                    if (length > (uint)_options.MaxPacketLength)
                    {
                        throw new SftpProtocolException($"SFTP packet of {length} bytes exceeds the limit of {_options.MaxPacketLength}");
                    }

                    if (length == 0)
                    {
                        throw new SftpProtocolException("SFTP packet without a type");
                    }

                    if (end - start - 4 < length)
                    {
                        break;
                    }

                    Process(buffer.AsSpan(start + 4, (int)length));
                    start += 4 + (int)length;
                    if (_output.Length >= FlushThreshold)
                    {
                        await _output.FlushAsync(_outputStream, cancellationToken).ConfigureAwait(false);
                    }
                }

                if (start > 0)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }

                // Everything answered so far goes out before we may block on the client.
                await _output.FlushAsync(_outputStream, cancellationToken).ConfigureAwait(false);
                int read = await input.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    public void Dispose()
    {
        _handles.Dispose();
        _output.Dispose();
    }

    private void Process(ReadOnlySpan<byte> packet)
    {
        var reader = new SshReader(packet);
        var type = (SftpPacketType)reader.ReadByte();
        if (!_initialized)
        {
            if (type != SftpPacketType.Init)
            {
                throw new SftpProtocolException($"SFTP request {(byte)type} before SSH_FXP_INIT");
            }

            _initialized = true;
            WriteVersion();
            return;
        }

        if (type == SftpPacketType.Init || reader.Remaining < 4)
        {
            throw new SftpProtocolException(type == SftpPacketType.Init ? "a second SSH_FXP_INIT" : $"SFTP request {(byte)type} without a request id");
        }

        uint id = reader.ReadUInt32();
        try
        {
            Dispatch(type, id, ref reader);
        }
        catch (Exception e) when (ToStatus(e) is { } status)
        {
            _output.CancelPacket();
            WriteStatus(id, status.Code, status.Message);
        }
    }

    private void Dispatch(SftpPacketType type, uint id, ref SshReader reader)
    {
        switch (type)
        {
            case SftpPacketType.Open: Open(id, ref reader); break;
            case SftpPacketType.Close: Close(id, ref reader); break;
            case SftpPacketType.Read: Read(id, ref reader); break;
            case SftpPacketType.Write: Write(id, ref reader); break;
            case SftpPacketType.Lstat: Stat(id, ref reader, followSymlinks: false); break;
            case SftpPacketType.Stat: Stat(id, ref reader, followSymlinks: true); break;
            case SftpPacketType.Fstat: Fstat(id, ref reader); break;
            case SftpPacketType.Setstat: Setstat(id, ref reader, followSymlinks: true); break;
            case SftpPacketType.Fsetstat: Fsetstat(id, ref reader); break;
            case SftpPacketType.Opendir: Opendir(id, ref reader); break;
            case SftpPacketType.Readdir: Readdir(id, ref reader); break;
            case SftpPacketType.Remove: Remove(id, ref reader); break;
            case SftpPacketType.Mkdir: Mkdir(id, ref reader); break;
            case SftpPacketType.Rmdir: Rmdir(id, ref reader); break;
            case SftpPacketType.Realpath: Realpath(id, ref reader); break;
            case SftpPacketType.Rename: Rename(id, ref reader); break;
            case SftpPacketType.Readlink: Readlink(id, ref reader); break;
            case SftpPacketType.Symlink: Symlink(id, ref reader); break;
            case SftpPacketType.Extended: Extended(id, ref reader); break;
            default: WriteStatus(id, SftpStatusCode.OpUnsupported, $"request type {(byte)type} is not supported"); break;
        }
    }

    /// <summary>The status a failed request is answered with; null for exceptions that are bugs.</summary>
    private static SftpStatusException? ToStatus(Exception e) => e switch
    {
        SftpStatusException status => status,
        SshProtocolException => new SftpStatusException(SftpStatusCode.BadMessage, "bad message: " + e.Message),
        FileNotFoundException or DirectoryNotFoundException => new SftpStatusException(SftpStatusCode.NoSuchFile, e.Message),
        UnauthorizedAccessException => new SftpStatusException(SftpStatusCode.PermissionDenied, e.Message),
        IOException or NotSupportedException or ArgumentException => new SftpStatusException(SftpStatusCode.Failure, e.Message),
        _ => null,
    };

    private void WriteVersion()
    {
        _output.BeginPacket(SftpPacketType.Version);
        _output.WriteUInt32(3);
        foreach ((string name, string version) in SftpExtensionNames.Advertised)
        {
            _output.WriteString(name);
            _output.WriteString(version);
        }

        _output.EndPacket();
    }

    private void WriteStatus(uint id, SftpStatusCode code, string message)
    {
        _output.BeginPacket(SftpPacketType.Status, id);
        _output.WriteUInt32((uint)code);
        _output.WriteString(message);
        _output.WriteString("en");
        _output.EndPacket();
    }

    private void WriteOk(uint id) => WriteStatus(id, SftpStatusCode.Ok, "Success");

    private void WriteAttributes(uint id, SftpAttributes attributes)
    {
        _output.BeginPacket(SftpPacketType.Attrs, id);
        attributes.Write(_output);
        _output.EndPacket();
    }

    /// <summary>A NAME reply with one entry and empty attributes (REALPATH, READLINK, expand-path).</summary>
    private void WriteSingleName(uint id, string name)
    {
        _output.BeginPacket(SftpPacketType.Name, id);
        _output.WriteUInt32(1);
        _output.WriteString(name);
        _output.WriteString(name);
        SftpAttributes.Empty.Write(_output);
        _output.EndPacket();
    }

    private void WriteHandle(uint id, SftpHandle handle)
    {
        Span<byte> name = stackalloc byte[SftpHandleTable.HandleLength];
        if (!_handles.TryAdd(handle, name))
        {
            handle.Dispose();
            throw new SftpStatusException(SftpStatusCode.Failure, $"too many open handles (limit {_options.MaxOpenHandles})");
        }

        _output.BeginPacket(SftpPacketType.Handle, id);
        _output.WriteString(name);
        _output.EndPacket();
    }

    private SftpFileHandle ReadFileHandle(ref SshReader reader) =>
        _handles.Find(reader.ReadString()) as SftpFileHandle ?? throw new SftpStatusException(SftpStatusCode.Failure, "invalid file handle");

    private void Audit(string action, string path, string? targetPath = null, SftpOpenFlags? flags = null, SftpAttributes? attributes = null, string? error = null) =>
        _options.OnOperation?.Invoke(new SftpAuditRecord(action, path, targetPath, flags, attributes, error));
}
