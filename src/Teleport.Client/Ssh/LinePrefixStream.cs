using System.Text;

namespace Teleport.Client.Ssh;

/// <summary>
/// Writes whole lines to a shared output, each starting with a prefix such as <c>[web1] </c>, so
/// the output of commands running on several nodes at once stays readable.
/// </summary>
public sealed class LinePrefixStream(Stream output, string prefix, SemaphoreSlim outputLock) : Stream
{
    private readonly MemoryStream _pending = new();
    private readonly byte[] _prefix = Encoding.UTF8.GetBytes(prefix);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ReadOnlyMemory<byte> rest = buffer;
        int newline;
        while ((newline = rest.Span.IndexOf((byte)'\n')) >= 0)
        {
            _pending.Write(rest.Span[..(newline + 1)]);
            await EmitAsync(cancellationToken).ConfigureAwait(false);
            rest = rest[(newline + 1)..];
        }

        _pending.Write(rest.Span);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    /// <summary>Flushes a last line that had no line break, completing it.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_pending.Length > 0)
        {
            _pending.WriteByte((byte)'\n');
            await EmitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private async Task EmitAsync(CancellationToken cancellationToken)
    {
        await outputLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await output.WriteAsync(_prefix, cancellationToken).ConfigureAwait(false);
            await output.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            outputLock.Release();
        }

        _pending.SetLength(0);
    }
}
