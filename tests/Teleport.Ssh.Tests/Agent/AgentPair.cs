using Teleport.Ssh.Agent;

namespace Teleport.Ssh.Tests.Agent;

/// <summary>A client connected to a server through an in-memory stream pair, the server serving in the background.</summary>
internal sealed class AgentPair : IAsyncDisposable
{
    private readonly bool _ownsServer;

    private AgentPair(SshAgentServer server, SshAgentClient client, Task serving, bool ownsServer)
    {
        Server = server;
        Client = client;
        Serving = serving;
        _ownsServer = ownsServer;
    }

    public SshAgentServer Server { get; }

    public SshAgentClient Client { get; }

    /// <summary>The server's ServeAsync for this connection.</summary>
    public Task Serving { get; }

    public static AgentPair Start(SshAgentServer? server = null, bool ownsServer = true)
    {
        server ??= new SshAgentServer();
        (DuplexPipeStream clientStream, DuplexPipeStream serverStream) = DuplexPipeStream.CreatePair();
        Task serving = server.ServeAsync(serverStream);
        return new AgentPair(server, new SshAgentClient(clientStream), serving, ownsServer);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Serving.WaitAsync(TimeSpan.FromSeconds(20));
        if (_ownsServer)
        {
            await Server.DisposeAsync();
        }
    }
}
