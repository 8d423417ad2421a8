using System.Collections.Concurrent;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Teleport.Srv.Processes;

/// <summary>
/// One epoll instance and one thread for every non-socket descriptor the launcher waits on (PTY
/// masters, pidfds): .NET drives sockets through its own epoll, but a PTY master or a pidfd read
/// through FileStream would block a pool thread per session. Each registration is armed one-shot
/// for a single waiter at a time, which matches a Stream's one read and one write in flight (the
/// two directions of a PTY use two descriptors: see <see cref="TerminalStream"/>).
/// </summary>
internal sealed class DescriptorPoller
{
    public const uint EpollIn = 0x001;
    public const uint EpollOut = 0x004;
    private const uint EpollOneShot = 1u << 30;
    private const int EpollCtlAdd = 1;
    private const int EpollCtlDel = 2;
    private const int EpollCtlMod = 3;

    private static readonly Lazy<DescriptorPoller> SharedPoller = new(() => new DescriptorPoller());

    private readonly int _epoll;
    private readonly ConcurrentDictionary<ulong, Registration> _registrations = new();
    private long _nextId;

    private DescriptorPoller()
    {
        _epoll = Native.EpollCreate1(Native.OCloExec);
        if (_epoll < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "epoll_create1");
        }

        new Thread(Loop) { IsBackground = true, Name = "Teleport descriptor poller" }.Start();
    }

    public static DescriptorPoller Shared => SharedPoller.Value;

    /// <summary>Prepares to wait on <paramref name="fd"/>; dispose the registration before closing the descriptor.</summary>
    public Registration Register(int fd)
    {
        var registration = new Registration(this, fd, (ulong)Interlocked.Increment(ref _nextId));
        _registrations[registration.Id] = registration;
        return registration;
    }

    private unsafe void Loop()
    {
        const int MaxEvents = 64;
        Native.EpollEvent* events = stackalloc Native.EpollEvent[MaxEvents];
        while (true)
        {
            int count = Native.EpollWait(_epoll, events, MaxEvents, -1);
            if (count < 0)
            {
                // EINTR only: the other errors mean a bad epoll descriptor, which this class never closes.
                continue;
            }

            for (int i = 0; i < count; i++)
            {
                if (_registrations.TryGetValue(events[i].Data, out Registration? registration))
                {
                    registration.Fire();
                }
            }
        }
    }

    /// <summary>One descriptor's place in the epoll set.</summary>
    internal sealed class Registration : IDisposable
    {
        private readonly DescriptorPoller _poller;
        private readonly int _fd;
        private readonly Lock _lock = new();
        private TaskCompletionSource? _waiter;
        private bool _added;
        private bool _disposed;

        public Registration(DescriptorPoller poller, int fd, ulong id)
        {
            _poller = poller;
            _fd = fd;
            Id = id;
        }

        public ulong Id { get; }

        /// <summary>Completes when the descriptor is ready for <paramref name="events"/> (or hung up, or in error).</summary>
        public async Task WaitAsync(uint events, CancellationToken cancellationToken)
        {
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_waiter is not null)
                {
                    throw new InvalidOperationException("another wait is already pending on this descriptor");
                }

                _waiter = waiter;
                Arm(events);
            }

            using CancellationTokenRegistration cancellation = cancellationToken.Register(() =>
            {
                lock (_lock)
                {
                    if (_waiter == waiter)
                    {
                        _waiter = null;
                    }
                }

                waiter.TrySetCanceled(cancellationToken);
            });
            await waiter.Task.ConfigureAwait(false);
        }

        public void Dispose()
        {
            TaskCompletionSource? waiter;
            lock (_lock)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                if (_added)
                {
                    unsafe
                    {
                        // Explicitly: epoll forgets a descriptor only when every duplicate of it is closed.
                        _ = Native.EpollCtl(_poller._epoll, EpollCtlDel, _fd, null);
                    }
                }

                waiter = _waiter;
                _waiter = null;
            }

            _poller._registrations.TryRemove(Id, out _);
            waiter?.TrySetException(new ObjectDisposedException(nameof(TerminalStream)));
        }

        internal void Fire()
        {
            TaskCompletionSource? waiter;
            lock (_lock)
            {
                waiter = _waiter;
                _waiter = null;
            }

            waiter?.TrySetResult();
        }

        private unsafe void Arm(uint events)
        {
            var request = new Native.EpollEvent { Events = events | EpollOneShot, Data = Id };
            int result = Native.EpollCtl(_poller._epoll, _added ? EpollCtlMod : EpollCtlAdd, _fd, &request);
            if (result < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                _waiter = null;
                throw new IOException($"epoll_ctl: {Native.ErrorText(errno)}");
            }

            _added = true;
        }
    }
}
