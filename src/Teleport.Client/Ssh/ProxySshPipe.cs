using Teleport.Ssh;
using Teleport.Ssh.Connection;

namespace Teleport.Client.Ssh;

/// <summary>
/// <c>tsh proxy ssh</c>: the proxy subsystem to a node, piped to stdin and stdout, so OpenSSH
/// (as a ProxyCommand) speaks SSH to the node through the proxy.
/// </summary>
public static class ProxySshPipe
{
    public static async Task RunAsync(ClusterClient client, string host, int port, Stream stdin, Stream stdout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        SshConnection proxy = await client.ConnectToProxyAsync(cancellationToken).ConfigureAwait(false);
        await using (proxy.ConfigureAwait(false))
        {
            (SshChannel channel, Task<string> errors) = await client.OpenProxySubsystemAsync(proxy, host, port, cancellationToken).ConfigureAwait(false);
            _ = Task.Run(
                async () =>
                {
                    byte[] buffer = new byte[32 * 1024];
                    try
                    {
                        int read;
                        while ((read = await stdin.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                        {
                            await channel.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                        }

                        channel.SendEof();
                    }
                    catch (Exception e) when (e is IOException or SshException or ObjectDisposedException or OperationCanceledException)
                    {
                        // The node side ended first.
                    }
                },
                CancellationToken.None);

            long received = 0;
            byte[] output = new byte[32 * 1024];
            int count;
            while ((count = await channel.ReadAsync(output, cancellationToken).ConfigureAwait(false)) > 0)
            {
                received += count;
                await stdout.WriteAsync(output.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
                await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            // Nothing came through and the proxy explained why: that is the error to show.
            if (received == 0 && (await errors.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false)).Trim() is { Length: > 0 } message)
            {
                throw new ClientException(message);
            }
        }
    }
}
