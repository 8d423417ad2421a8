using Teleport.Ssh.Connection;

namespace Teleport.Client.Ssh;

/// <summary>An SSH connection to a node, running inside a channel of an SSH connection to the proxy; disposing closes both.</summary>
public sealed class NodeConnection(SshConnection proxy, SshConnection node) : IAsyncDisposable
{
    public SshConnection Proxy { get; } = proxy;

    public SshConnection Node { get; } = node;

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync().ConfigureAwait(false);
        await Proxy.DisposeAsync().ConfigureAwait(false);
    }
}
