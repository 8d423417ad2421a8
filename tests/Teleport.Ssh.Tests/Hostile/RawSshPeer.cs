using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Teleport.Ssh.Messages.Transport;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Tests.Hostile;

/// <summary>
/// A hostile client on a plain TCP socket: sends whatever bytes a test gives it and reads what the
/// server answers in cleartext (identification line, packets before NEWKEYS) until the server
/// closes. Every read has a deadline, so a server that fails to hang up fails the test instead of
/// hanging it.
/// </summary>
internal sealed class RawSshPeer : IDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private readonly Socket _socket;
    private byte[] _buffer = new byte[2048];
    private int _start;
    private int _end;

    public RawSshPeer(Socket socket) => _socket = socket;

    /// <summary>True once the server closed (FIN) or reset the connection.</summary>
    public bool Closed { get; private set; }

    public static async Task<RawSshPeer> ConnectAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new RawSshPeer(socket);
    }

    /// <summary>Sends <paramref name="data"/>; false if the server had already closed or reset (it may stop reading once it has seen enough).</summary>
    public async Task<bool> SendAsync(ReadOnlyMemory<byte> data)
    {
        try
        {
            while (!data.IsEmpty)
            {
                int sent = await _socket.SendAsync(data, SocketFlags.None);
                data = data[sent..];
            }

            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.Shutdown or SocketError.ConnectionAborted)
        {
            return false;
        }
    }

    public Task<bool> SendPacketAsync(ReadOnlySpan<byte> payload) => SendAsync(HostileMessages.Frame(payload));

    /// <summary>Reads the server's identification line (RFC 4253 §4.2), without CR LF.</summary>
    public async Task<string> ReadIdentificationAsync()
    {
        while (true)
        {
            int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                string line = Encoding.ASCII.GetString(_buffer, _start, newline).TrimEnd('\r');
                _start += newline + 1;
                return line;
            }

            if (!await FillAsync(_end - _start + 1))
            {
                throw new IOException("the server closed before sending its identification");
            }
        }
    }

    /// <summary>Reads the identification, then the server's KEXINIT: the server reached the binary packet protocol.</summary>
    public async Task ReadServerGreetingAsync()
    {
        Assert.StartsWith("SSH-2.0-", await ReadIdentificationAsync(), StringComparison.Ordinal);
        byte[]? kexInit = await ReadPacketAsync();
        Assert.True(kexInit is [(byte)MessageNumber.KexInit, ..], "expected the server's KEXINIT");
    }

    /// <summary>One cleartext packet's payload; null when the connection ended at a packet boundary.</summary>
    public async Task<byte[]?> ReadPacketAsync()
    {
        if (!await FillAsync(4))
        {
            Assert.True(_end == _start, $"the server closed {_end - _start} bytes into a packet header");
            return null;
        }

        uint packetLength = BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(_start));
        Assert.InRange(packetLength, 5u, 256u * 1024);
        Assert.True(await FillAsync(4 + (int)packetLength), "the server closed inside a packet");
        int padding = _buffer[_start + 4];
        byte[] payload = _buffer.AsSpan(_start + 5, (int)packetLength - padding - 1).ToArray();
        _start += 4 + (int)packetLength;
        return payload;
    }

    /// <summary>
    /// Reads the server's cleartext packets until SSH_MSG_DISCONNECT, which must carry
    /// <paramref name="reason"/>, then the close. Only a KEXINIT may come before it.
    /// </summary>
    public async Task<string> ExpectDisconnectAsync(DisconnectReason reason)
    {
        while (true)
        {
            byte[]? payload = await ReadPacketAsync();
            Assert.True(payload is not null, $"the server closed without SSH_MSG_DISCONNECT (expected {reason})");
            if (payload[0] == (byte)MessageNumber.KexInit)
            {
                continue;
            }

            Assert.Equal((byte)MessageNumber.Disconnect, payload[0]);
            DisconnectMessage disconnect = DisconnectMessage.Read(payload);
            Assert.True(reason == disconnect.Reason, $"expected {reason}, the server said {disconnect.Reason}: {disconnect.Description}");
            await ExpectCloseAsync();
            return disconnect.Description;
        }
    }

    /// <summary>Waits for the server to close or reset the connection; nothing more may arrive first.</summary>
    public async Task ExpectCloseAsync()
    {
        int before = _end - _start;
        bool more = await FillAsync(before + 1);
        Assert.False(more, $"the server sent {_end - _start} more bytes instead of closing");
    }

    public void Dispose() => _socket.Dispose();

    /// <summary>Reads until <paramref name="count"/> bytes are buffered; false when the server closed or reset first.</summary>
    private async Task<bool> FillAsync(int count)
    {
        if (_buffer.Length - _start < count)
        {
            byte[] target = count > _buffer.Length ? new byte[Math.Max(count, _buffer.Length * 2)] : _buffer;
            Buffer.BlockCopy(_buffer, _start, target, 0, _end - _start);
            _end -= _start;
            _start = 0;
            _buffer = target;
        }

        using var deadline = new CancellationTokenSource(Deadline);
        while (_end - _start < count)
        {
            if (Closed)
            {
                return false;
            }

            int read;
            try
            {
                read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, deadline.Token);
            }
            catch (OperationCanceledException e)
            {
                throw new TimeoutException($"the server neither sent {count - (_end - _start)} more bytes nor closed within {Deadline.TotalSeconds} s", e);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
            {
                Closed = true;
                return false;
            }

            if (read == 0)
            {
                Closed = true;
                return false;
            }

            _end += read;
        }

        return true;
    }
}
