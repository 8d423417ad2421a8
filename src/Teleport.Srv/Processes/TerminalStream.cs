using Microsoft.Win32.SafeHandles;
using System.Runtime.InteropServices;

namespace Teleport.Srv.Processes;

/// <summary>
/// One direction of a PTY master as a Stream: the descriptor is non-blocking and waits go through
/// <see cref="DescriptorPoller"/>, so no thread blocks in read(2). A read that finds the slave
/// closed by every process gets EIO from the kernel: that is the terminal's end of file.
/// </summary>
internal sealed class TerminalStream : Stream
{
    private readonly SafeFileHandle _handle;
    private readonly DescriptorPoller.Registration _registration;
    private readonly bool _reading;

    public TerminalStream(int fd, bool reading)
    {
        _handle = new SafeFileHandle(fd, ownsHandle: true);
        _reading = reading;
        _registration = DescriptorPoller.Shared.Register(fd);
    }

    public override bool CanRead => _reading && !_handle.IsClosed;

    public override bool CanWrite => !_reading && !_handle.IsClosed;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_reading)
        {
            throw new NotSupportedException("this side of the terminal is for writing");
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            (nint result, int errno) = Transfer(buffer, write: false);
            if (result >= 0)
            {
                return (int)result;
            }

            switch (errno)
            {
                case Native.EAGAIN:
                    await _registration.WaitAsync(DescriptorPoller.EpollIn, cancellationToken).ConfigureAwait(false);
                    break;
                case Native.EINTR:
                    break;
                case Native.EIO:
                    return 0;
                default:
                    throw new IOException($"reading the terminal: {Native.ErrorText(errno)}");
            }
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_reading)
        {
            throw new NotSupportedException("this side of the terminal is for reading");
        }

        while (!buffer.IsEmpty)
        {
            cancellationToken.ThrowIfCancellationRequested();
            (nint result, int errno) = Transfer(MemoryMarshal.AsMemory(buffer), write: true);
            if (result >= 0)
            {
                buffer = buffer[(int)result..];
                continue;
            }

            switch (errno)
            {
                case Native.EAGAIN:
                    await _registration.WaitAsync(DescriptorPoller.EpollOut, cancellationToken).ConfigureAwait(false);
                    break;
                case Native.EINTR:
                    break;
                case Native.EIO:
                    throw new IOException("the terminal is closed: every process on it has exited");
                default:
                    throw new IOException($"writing the terminal: {Native.ErrorText(errno)}");
            }
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _registration.Dispose();
            _handle.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>TIOCSWINSZ through this descriptor (any descriptor of the master will do).</summary>
    public void SetWindowSize(uint columns, uint rows, uint widthPixels, uint heightPixels)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        bool referenced = false;
        try
        {
            _handle.DangerousAddRef(ref referenced);
            PseudoTerminal.SetWindowSize((int)_handle.DangerousGetHandle(), columns, rows, widthPixels, heightPixels);
        }
        finally
        {
            if (referenced)
            {
                _handle.DangerousRelease();
            }
        }
    }

    /// <summary>One read(2) or write(2); the handle is referenced so a concurrent Dispose cannot recycle the descriptor under it.</summary>
    private unsafe (nint Result, int Errno) Transfer(Memory<byte> buffer, bool write)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        bool referenced = false;
        try
        {
            _handle.DangerousAddRef(ref referenced);
            int fd = (int)_handle.DangerousGetHandle();
            fixed (byte* bytes = buffer.Span)
            {
                nint result = write ? Native.Write(fd, bytes, buffer.Length) : Native.Read(fd, bytes, buffer.Length);
                return (result, result < 0 ? Marshal.GetLastPInvokeError() : 0);
            }
        }
        finally
        {
            if (referenced)
            {
                _handle.DangerousRelease();
            }
        }
    }
}
