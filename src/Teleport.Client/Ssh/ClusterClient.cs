using System.Text;
using Teleport.Client.Profiles;
using Teleport.Ssh;
using Teleport.Ssh.Auth;
using Teleport.Ssh.Connection;
using Teleport.Ssh.Connection.Session;
using Teleport.Ssh.Keys;

namespace Teleport.Client.Ssh;

/// <summary>
/// Reaches nodes the way Teleport's client does: SSH to the proxy with the user certificate, a
/// session channel with subsystem <c>proxy:host:port@cluster</c>, and a second SSH connection to
/// the node through that channel. Both servers must show host certificates from the cluster's
/// host CA. Holds the parsed keys, so many connections (tsh bench) cost no file or Auth access.
/// </summary>
public sealed class ClusterClient(ActiveProfile active, TimeProvider clock)
{
    /// <summary>The proxy writes at most a line of error text before closing a failed subsystem.</summary>
    private const int MaxProxyErrorBytes = 4096;

    private readonly ISshSigner _signer = active.Keys.Signer;

    public ClientProfile Profile => active.Profile;

    public ClientKeys Keys => active.Keys;

    /// <summary>SSH to the proxy's ssh_proxy_addr, logged in with the user certificate.</summary>
    public async Task<SshConnection> ConnectToProxyAsync(CancellationToken cancellationToken)
    {
        HostPort proxy = HostPort.Parse(Profile.SshProxyAddr, HostPort.DefaultSshProxyPort);
        string? rejected = null;
        var options = new SshClientOptions
        {
            UserName = Profile.User,
            AuthMethods = [new PublicKeyAuthMethod(_signer)],
            HostKeyVerifier = HostCertificateVerifier.Create(Keys.HostCertificateAuthorities, [proxy.Host], clock, message => rejected = message),
            ConnectTimeout = TimeSpan.FromSeconds(20),
        };
        try
        {
            return await SshClient.ConnectAsync(proxy.Host, proxy.Port, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SshException or IOException)
        {
            throw new ClientException($"cannot connect to the proxy at {proxy}: {rejected ?? e.Message}", e);
        }
    }

    /// <summary>
    /// Opens the proxy subsystem to <paramref name="host"/>:<paramref name="port"/> (0: the node's
    /// own port) and returns the channel, whose data is the node's SSH port, and a task that
    /// completes with whatever the proxy wrote on stderr (its error message when it failed).
    /// </summary>
    public async Task<(SshChannel Channel, Task<string> ProxyErrors)> OpenProxySubsystemAsync(SshConnection proxy, string host, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        SshSession session = await proxy.OpenSessionAsync(cancellationToken).ConfigureAwait(false);
        Task<string> errors = ReadProxyErrorsAsync(session.Channel);
        string subsystem = $"proxy:{host}:{port}@{Profile.Cluster}";
        try
        {
            await session.StartSubsystemAsync(subsystem).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SshException or IOException)
        {
            // A proxy that failed the subsystem may close the channel before it answers the request.
            string message = await ErrorTextAsync(errors).ConfigureAwait(false);
            throw new ClientException(message.Length > 0 ? message : $"the proxy refused {subsystem}: {e.Message}", e);
        }

        return (session.Channel, errors);
    }

    /// <summary>SSH to the node <paramref name="host"/> through the proxy, as <paramref name="login"/>.</summary>
    public async Task<NodeConnection> ConnectToNodeAsync(string login, string host, int port, NodeSessionHandlers? handlers, CancellationToken cancellationToken)
    {
        SshConnection proxy = await ConnectToProxyAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            (SshChannel channel, Task<string> errors) = await OpenProxySubsystemAsync(proxy, host, port, cancellationToken).ConfigureAwait(false);
            string? rejected = null;
            var options = new SshClientOptions
            {
                UserName = login,
                AuthMethods = [new PublicKeyAuthMethod(_signer)],
                HostKeyVerifier = HostCertificateVerifier.Create(
                    Keys.HostCertificateAuthorities,
                    HostCertificateVerifier.IsAddress(host) ? [] : [host, $"{host}.{Profile.Cluster}"],
                    clock,
                    message => rejected = message),
                ChannelOpenHandler = handlers is null ? null : handlers.OnChannelOpenAsync,
                ConnectTimeout = TimeSpan.FromSeconds(30),
            };
            try
            {
                SshConnection node = await SshClient.ConnectAsync(channel.GetStream(), options, cancellationToken).ConfigureAwait(false);
                return new NodeConnection(proxy, node);
            }
            catch (Exception e) when (e is SshException or IOException)
            {
                string message = await ErrorTextAsync(errors).ConfigureAwait(false);
                throw new ClientException(
                    message.Length > 0 ? message : rejected is not null ? $"{host}: {rejected}" : $"cannot log in to {login}@{host}: {e.Message}",
                    e);
            }
        }
        catch
        {
            await proxy.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The proxy's error line, once it closed the channel (bounded in time: it may still be open).</summary>
    private static async Task<string> ErrorTextAsync(Task<string> errors)
    {
        try
        {
            return (await errors.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false)).Trim();
        }
        catch (TimeoutException)
        {
            return string.Empty;
        }
    }

    private static async Task<string> ReadProxyErrorsAsync(SshChannel channel)
    {
        var text = new MemoryStream();
        byte[] buffer = new byte[1024];
        try
        {
            while (text.Length < MaxProxyErrorBytes)
            {
                int read = await channel.ReadExtendedAsync(buffer).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                text.Write(buffer, 0, Math.Min(read, MaxProxyErrorBytes - (int)text.Length));
            }
        }
        catch (Exception e) when (e is SshException or IOException or ObjectDisposedException)
        {
            // The channel broke: what arrived so far is the message.
        }

        return Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length);
    }
}
