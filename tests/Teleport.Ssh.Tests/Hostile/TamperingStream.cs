namespace Teleport.Ssh.Tests.Hostile;

/// <summary>
/// Sits between a library client and its socket: passes bytes through, can flip one bit of what is
/// written next (a packet damaged on the wire), and leaves the socket open when the library
/// disposes it, so the test can still watch how the server closes.
/// </summary>
internal sealed class TamperingStream(Stream inner) : Stream
{
    private long _flipAt = -1;
    private byte _flipMask;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Flips <paramref name="mask"/> in the byte at <paramref name="offset"/> of the next write
    /// (negative: from the end of that write, -1 being its last byte).
    /// </summary>
    public void FlipInNextWrite(long offset, byte mask = 0x01)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(offset, -1);
        _flipMask = mask;
        Volatile.Write(ref _flipAt, offset == -1 ? long.MaxValue : offset);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        long flipAt = Interlocked.Exchange(ref _flipAt, -1);
        if (flipAt < 0 || buffer.IsEmpty)
        {
            return inner.WriteAsync(buffer, cancellationToken);
        }

        byte[] damaged = buffer.ToArray();
        damaged[flipAt == long.MaxValue ? damaged.Length - 1 : (int)Math.Min(flipAt, damaged.Length - 1)] ^= _flipMask;
        return inner.WriteAsync(damaged, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
