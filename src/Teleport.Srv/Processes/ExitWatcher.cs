using System.Runtime.InteropServices;

namespace Teleport.Srv.Processes;

/// <summary>
/// Reaps a child and decodes how it ended. With a pidfd (Linux 5.3+) the wait costs no thread: the
/// pidfd turns readable in the shared epoll set when the child exits, then waitpid(WNOHANG) reaps
/// it. Where pidfd_open is unavailable (old kernel, seccomp), a dedicated thread blocks in waitpid.
/// </summary>
internal static class ExitWatcher
{
    public static Task<ProcessExit> Watch(int pid)
    {
        int pidfd = Native.PidFdOpen(pid, 0);
        return pidfd >= 0
            ? WatchPidFdAsync(pid, pidfd)
            : Task.Factory.StartNew(() => Reap(pid, blocking: true)!, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private static async Task<ProcessExit> WatchPidFdAsync(int pid, int pidfd)
    {
        DescriptorPoller.Registration registration = DescriptorPoller.Shared.Register(pidfd);
        try
        {
            while (true)
            {
                if (Reap(pid, blocking: false) is ProcessExit exit)
                {
                    return exit;
                }

                await registration.WaitAsync(DescriptorPoller.EpollIn, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            registration.Dispose();
            _ = Native.Close(pidfd);
        }
    }

    /// <summary>The exit, or null while the child runs (non-blocking only).</summary>
    private static unsafe ProcessExit? Reap(int pid, bool blocking)
    {
        while (true)
        {
            int status;
            int result = Native.WaitPid(pid, &status, blocking ? 0 : Native.WNoHang);
            if (result == pid)
            {
                return ProcessExit.FromWaitStatus(status);
            }

            if (result == 0)
            {
                return null;
            }

            if (Marshal.GetLastPInvokeError() != Native.EINTR)
            {
                // ECHILD: someone else reaped it (a SIGCHLD set to SIG_IGN does); the status is lost.
                return new ProcessExit(null, null, false);
            }
        }
    }
}
