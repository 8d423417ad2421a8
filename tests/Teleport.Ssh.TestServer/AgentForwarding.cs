using System.Net.Sockets;
using Teleport.Ssh.Connection;

namespace Teleport.Ssh.TestServer;

/// <summary>
/// ssh -A on the server side (OpenSSH PROTOCOL.agent): a Unix socket, mode 0600, whose every
/// connection becomes an auth-agent@openssh.com channel to the client's agent.
/// </summary>
internal sealed class AgentForwarding(SshConnection connection) : IDisposable
{
    private Socket? _listener;
    private string? _directory;

    public string Start()
    {
        _directory = Directory.CreateTempSubdirectory("ssh-agent-").FullName;
        File.SetUnixFileMode(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string path = Path.Combine(_directory, "agent.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _listener.Listen(16);
        _ = AcceptLoopAsync(_listener);
        return path;
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync();
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
        using var stream = new NetworkStream(client, ownsSocket: true);
        try
        {
            SshChannel channel = await connection.OpenChannelAsync(ChannelTypes.AuthAgent);
            await Bridge.RunAsync(channel, stream);
        }
        catch (Exception e) when (e is SshException or IOException)
        {
            // The client has no agent, or it went away.
        }
    }

    public void Dispose()
    {
        _listener?.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
