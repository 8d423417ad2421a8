using System.Buffers;

namespace Teleport.Ssh.Agent;

/// <summary>
/// One received agent message: its payload (message number first) in a pooled buffer. Requests
/// carry private keys, so Dispose clears the buffer before returning it.
/// </summary>
internal sealed class AgentMessage : IDisposable
{
    private byte[]? _buffer;
    private readonly int _length;

    public AgentMessage(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    public ReadOnlyMemory<byte> Payload => _buffer is null ? ReadOnlyMemory<byte>.Empty : _buffer.AsMemory(0, _length);

    public AgentMessageNumber Number => (AgentMessageNumber)Payload.Span[0];

    public void Dispose()
    {
        byte[]? buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }
}
