using System.Net.Sockets;
using Teleport.Ssh.Agent;
using Teleport.Ssh.Connection;

namespace Teleport.Client.Ssh;

/// <summary>
/// Channels the node opens back to tsh: <c>forwarded-tcpip</c> for <c>-R</c> (dial the local
/// target) and <c>auth-agent@openssh.com</c> for <c>-A</c> (the local agent at SSH_AUTH_SOCK).
/// Anything not asked for is refused.
/// </summary>
public sealed class NodeSessionHandlers
{
    public bool ForwardAgent { get; init; }

    public IReadOnlyList<ForwardSpec> RemoteForwards { get; init; } = [];

    public async Task OnChannelOpenAsync(ChannelOpenRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        switch (request.ChannelType)
        {
            case ChannelTypes.AuthAgent when ForwardAgent:
                await BridgeAgentAsync(request, cancellationToken).ConfigureAwait(false);
                break;
            case ChannelTypes.ForwardedTcpIp:
                await BridgeForwardedAsync(request, cancellationToken).ConfigureAwait(false);
                break;
            default:
                request.Reject(ChannelOpenFailureReason.AdministrativelyProhibited, $"{request.ChannelType} was not requested");
                break;
        }
    }

    private static async Task BridgeAgentAsync(ChannelOpenRequest request, CancellationToken cancellationToken)
    {
        string? path = Environment.GetEnvironmentVariable(SshAgentClient.AuthSocketVariable);
        if (string.IsNullOrEmpty(path))
        {
            request.Reject(ChannelOpenFailureReason.ConnectFailed, "no local agent (SSH_AUTH_SOCK is not set)");
            return;
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            request.Reject(ChannelOpenFailureReason.ConnectFailed, "cannot reach the local agent: " + e.Message);
            return;
        }

        using var stream = new NetworkStream(socket, ownsSocket: true);
        await ChannelPipe.RunAsync(request.Accept(), stream).ConfigureAwait(false);
    }

    private async Task BridgeForwardedAsync(ChannelOpenRequest request, CancellationToken cancellationToken)
    {
        TcpIpChannelInfo info = request.ReadTcpIpInfo();
        ForwardSpec? forward = RemoteForwards.FirstOrDefault(f => f.BindPort == info.Port) ?? (RemoteForwards.Count == 1 ? RemoteForwards[0] : null);
        if (forward is null)
        {
            request.Reject(ChannelOpenFailureReason.AdministrativelyProhibited, $"no -R forwarding for port {info.Port}");
            return;
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(forward.Host, forward.HostPort, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            request.Reject(ChannelOpenFailureReason.ConnectFailed, $"cannot connect to {forward.Host}:{forward.HostPort}: {e.Message}");
            return;
        }

        using var stream = new NetworkStream(socket, ownsSocket: true);
        await ChannelPipe.RunAsync(request.Accept(), stream).ConfigureAwait(false);
    }
}
