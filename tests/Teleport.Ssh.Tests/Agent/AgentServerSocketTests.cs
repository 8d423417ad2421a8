using System.Net.Sockets;
using Teleport.Ssh.Agent;
using Teleport.Ssh.Keys;

namespace Teleport.Ssh.Tests.Agent;

/// <summary><see cref="SshAgentServer.ListenAsync"/> on real Unix sockets: lifecycle and concurrent clients.</summary>
public sealed class AgentServerSocketTests : IDisposable
{
    private readonly AgentTestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Clients_share_the_keyring_over_the_socket_and_disposal_removes_the_socket()
    {
        string socket = _directory.File("agent.sock");
        var server = new SshAgentServer();
        Task listening = server.ListenAsync(socket);
        await Eventually.WaitAsync(() => File.Exists(socket) || listening.IsCompleted, "the agent socket");

        SshPrivateKey key = AgentTestKeys.Get(AlgorithmNames.EcdsaNistp256);
        await using (SshAgentClient adder = await SshAgentClient.ConnectAsync(socket))
        {
            await adder.AddIdentityAsync(key, null, "shared");
        }

        SshAgentClient[] clients = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SshAgentClient.ConnectAsync(socket)));
        byte[][] signatures = await Task.WhenAll(clients.Select(c => c.SignAsync(key.PublicKey, "data"u8.ToArray())));
        Assert.All(signatures, s => Assert.True(key.PublicKey.VerifySignature("data"u8, s)));

        await server.DisposeAsync();
        await listening.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.False(File.Exists(socket));
        foreach (SshAgentClient client in clients)
        {
            await Assert.ThrowsAsync<SshConnectionException>(() => client.ListIdentitiesAsync());
            await client.DisposeAsync();
        }

        await Assert.ThrowsAsync<SshConnectionException>(() => SshAgentClient.ConnectAsync(socket));
    }

    [Fact]
    public async Task Listening_refuses_a_path_that_exists_and_leaves_it_alone()
    {
        string path = _directory.File("taken");
        await File.WriteAllTextAsync(path, "not a socket");
        await using var server = new SshAgentServer();
        var error = await Assert.ThrowsAsync<IOException>(() => server.ListenAsync(path));
        Assert.Contains("already exists", error.Message);
        Assert.Equal("not a socket", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Cancelling_listen_removes_the_socket_and_the_server_can_listen_again()
    {
        string socket = _directory.File("agent.sock");
        await using var server = new SshAgentServer();
        using (var stop = new CancellationTokenSource())
        {
            Task listening = server.ListenAsync(socket, stop.Token);
            await Eventually.WaitAsync(() => File.Exists(socket), "the agent socket");
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listening);
            Assert.False(File.Exists(socket));
        }

        Task again = server.ListenAsync(socket);
        await Eventually.WaitAsync(() => File.Exists(socket), "the agent socket, again");
        using var raw = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await raw.ConnectAsync(new UnixDomainSocketEndPoint(socket));
        await server.DisposeAsync();
        await again.WaitAsync(TimeSpan.FromSeconds(20));
    }
}
