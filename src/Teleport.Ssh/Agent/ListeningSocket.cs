using System.Net.Sockets;

namespace Teleport.Ssh.Agent;

/// <summary>A bound, listening Unix socket and its file, which disposal closes and removes.</summary>
internal sealed class ListeningSocket : IDisposable
{
    private int _disposed;

    public ListeningSocket(Socket socket, string path)
    {
        Socket = socket;
        Path = path;
    }

    public Socket Socket { get; }

    public string Path { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Socket.Dispose();
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // Already gone or its directory removed: nothing is left to clean.
        }
        catch (UnauthorizedAccessException)
        {
            // The directory became read-only; the stale file refuses connections and ListenAsync refuses to reuse it.
        }
    }
}
