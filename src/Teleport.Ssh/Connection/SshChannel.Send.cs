using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Connection;

public sealed partial class SshChannel
{
    /// <summary>The largest data chunk we put in one packet, whatever the peer allows.</summary>
    private const uint MaxDataPerPacket = 64 * 1024;

    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Lock _windowLock = new();
    private long _remoteWindow;
    private uint _remoteMaxPacket;
    private TaskCompletionSource? _windowWaiter;

    /// <summary>Sends channel data, waiting for the peer's window as needed.</summary>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        WriteCoreAsync(data, extendedType: 0, cancellationToken);

    /// <summary>Sends extended data of type 1 (stderr).</summary>
    public ValueTask WriteExtendedAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        WriteCoreAsync(data, ExtendedDataStderr, cancellationToken);

    private async ValueTask WriteCoreAsync(ReadOnlyMemory<byte> data, uint extendedType, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (!data.IsEmpty)
            {
                if (_eofSent || _closeSent || _closed.Task.IsCompleted)
                {
                    throw ClosedError();
                }

                int chunk = await ReserveWindowAsync(data.Length, cancellationToken).ConfigureAwait(false);
                SshWriter packet = SshWriter.ForPacket(extendedType == 0 ? MessageNumber.ChannelData : MessageNumber.ChannelExtendedData, chunk + 16);
                packet.WriteUInt32(RemoteId);
                if (extendedType != 0)
                {
                    packet.WriteUInt32(extendedType);
                }

                packet.WriteString(data.Span[..chunk]);
                await _connection.SendAsync(packet, cancellationToken).ConfigureAwait(false);
                data = data[chunk..];
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Waits until the peer's window is open and takes up to <paramref name="wanted"/> bytes of it.</summary>
    private async ValueTask<int> ReserveWindowAsync(int wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_windowLock)
            {
                if (_remoteWindow > 0)
                {
                    int chunk = (int)Math.Min(Math.Min(wanted, _remoteWindow), _remoteMaxPacket);
                    _remoteWindow -= chunk;
                    return chunk;
                }

                if (_closed.Task.IsCompleted)
                {
                    throw ClosedError();
                }

                _windowWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _windowWaiter.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>SSH_MSG_CHANNEL_WINDOW_ADJUST: the window may never exceed 2^32 - 1 (RFC 4254 §5.2).</summary>
    internal void OnWindowAdjust(uint bytesToAdd)
    {
        TaskCompletionSource? waiter;
        lock (_windowLock)
        {
            _remoteWindow = Math.Min(_remoteWindow + bytesToAdd, uint.MaxValue);
            waiter = _windowWaiter;
            _windowWaiter = null;
        }

        waiter?.TrySetResult();
    }

    private void ReleaseWindowWaiters(Exception error)
    {
        TaskCompletionSource? waiter;
        lock (_windowLock)
        {
            waiter = _windowWaiter;
            _windowWaiter = null;
        }

        waiter?.TrySetException(error);
    }
}
