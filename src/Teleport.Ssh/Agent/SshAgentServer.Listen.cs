using System.Net.Sockets;
using System.Security.Cryptography;

namespace Teleport.Ssh.Agent;

/// <summary>Listening on a Unix socket, as <c>ssh-agent -a</c> does.</summary>
public sealed partial class SshAgentServer
{
    /// <summary>
    /// Listens on the Unix socket <paramref name="path"/> and serves every connection, until
    /// <paramref name="cancellationToken"/> is cancelled (then throws <see cref="OperationCanceledException"/>)
    /// or the server is disposed (then returns). The socket file is private to the user (mode 0600)
    /// and only appears once the server accepts connections on it, so a client may wait for the file;
    /// it is removed when listening ends. Like ssh-agent, peers of another user are refused (other than root).
    /// </summary>
    public async Task ListenAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ListeningSocket listener = Bind(Path.GetFullPath(path));
        lock (_lock)
        {
            if (_disposed)
            {
                listener.Dispose();
                throw new ObjectDisposedException(nameof(SshAgentServer));
            }

            _listeners.Add(listener);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        try
        {
            while (true)
            {
                Socket connection;
                try
                {
                    connection = await listener.Socket.AcceptAsync(linked.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException && _shutdown.IsCancellationRequested)
                {
                    return;
                }

                if (!UnixPeerCredentials.IsSameUserOrRoot(connection))
                {
                    connection.Dispose();
                    continue;
                }

                var connectionStream = new NetworkStream(connection, ownsSocket: true);
                try
                {
                    _ = ServeAsync(connectionStream, linked.Token);
                }
                catch (ObjectDisposedException)
                {
                    await connectionStream.DisposeAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Disposed: the server closes its connections itself.
        }
        finally
        {
            lock (_lock)
            {
                _listeners.Remove(listener);
            }

            listener.Dispose();
        }
    }

    /// <summary>
    /// Binds under a temporary name, makes the socket 0600, listens, and only then renames it to
    /// <paramref name="path"/>: no moment exists where the socket is reachable by others, or where
    /// its file exists but connections are refused.
    /// </summary>
    private static ListeningSocket Bind(string path)
    {
        if (File.Exists(path) || Directory.Exists(path))
        {
            throw new IOException($"{path} already exists: remove the stale agent socket or choose another path");
        }

        string directory = Path.GetDirectoryName(path)!;
        string temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(temporary));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            socket.Listen();
            File.Move(temporary, path, overwrite: false);
            return new ListeningSocket(socket, path);
        }
        catch
        {
            socket.Dispose();
            File.Delete(temporary);
            throw;
        }
    }
}
