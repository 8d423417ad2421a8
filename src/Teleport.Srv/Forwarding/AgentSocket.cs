using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Teleport.Ssh;
using Teleport.Ssh.Connection;

namespace Teleport.Srv.Forwarding;

/// <summary>
/// <c>ssh -A</c> on the node (OpenSSH PROTOCOL.agent): a Unix socket in a fresh directory, both
/// owned by the session's OS user (directory 0700, socket 0600), whose every connection becomes an
/// auth-agent@openssh.com channel to the client's agent. Removed when the session ends.
/// </summary>
internal sealed partial class AgentSocket : IDisposable
{
    private readonly SshConnection _connection;
    private readonly Action _onClientData;
    private readonly ILogger _logger;
    private readonly Socket _listener;
    private readonly string _directory;

    private AgentSocket(SshConnection connection, Action onClientData, ILogger logger, Socket listener, string directory, string path)
    {
        _connection = connection;
        _onClientData = onClientData;
        _logger = logger;
        _listener = listener;
        _directory = directory;
        Path = path;
    }

    /// <summary>The value of SSH_AUTH_SOCK.</summary>
    public string Path { get; }

    public static AgentSocket Create(SshConnection connection, int uid, int gid, Action onClientData, ILogger logger)
    {
        string directory = Directory.CreateTempSubdirectory("teleport-").FullName;
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string path = System.IO.Path.Combine(directory, "agent.sock");
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            if (Chown(directory, uid, gid) != 0 || Chown(path, uid, gid) != 0)
            {
                throw new IOException($"cannot give the agent socket to uid {uid}: errno {Marshal.GetLastPInvokeError()}");
            }

            listener.Listen(16);
        }
        catch
        {
            listener.Dispose();
            Directory.Delete(directory, recursive: true);
            throw;
        }

        var socket = new AgentSocket(connection, onClientData, logger, listener, directory, path);
        _ = socket.AcceptLoopAsync();
        return socket;
    }

    public void Dispose()
    {
        _listener.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException e)
        {
            _logger.LogWarning("Cannot remove the agent socket directory {Directory}: {Error}", _directory, e.Message);
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = BridgeAsync(client);
        }
    }

    private async Task BridgeAsync(Socket client)
    {
        var stream = new NetworkStream(client, ownsSocket: true);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                SshChannel channel = await _connection.OpenChannelAsync(ChannelTypes.AuthAgent).ConfigureAwait(false);
                await ChannelPipe.RunAsync(channel, stream, _onClientData).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SshException or IOException)
            {
                _logger.LogDebug("Agent forwarding: the client has no agent or went away: {Error}", e.Message);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Chown(string path, int owner, int group);
}
