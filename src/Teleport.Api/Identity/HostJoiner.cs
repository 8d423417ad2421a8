using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Teleport.Api.Client;
using Teleport.Api.Client.Messages;
using Teleport.Ssh.Keys;

namespace Teleport.Api.Identity;

/// <summary>
/// The first start of a service (node or proxy): fresh SSH and TLS keys, a join with the token (the Auth server's CA
/// checked against <c>ca_pin</c> when given), and the certificates stored for later starts. A node
/// with <c>proxy_server</c> joins through the proxy's web API instead of Auth's.
/// </summary>
public sealed class HostJoiner(HostJoinOptions options, ILogger logger)
{
    public async Task<HostIdentity> LoadOrJoinAsync(CancellationToken cancellationToken)
    {
        var store = new HostIdentityStore(options.DataDir, options.Role);
        if (store.Exists)
        {
            HostIdentity identity = store.Load();
            logger.LogInformation("Using the identity of host {HostId} in cluster {Cluster} from {Directory}", identity.HostId, identity.ClusterName, store.Directory);
            return identity;
        }

        if (string.IsNullOrEmpty(options.JoinToken))
        {
            throw new HostJoinException($"this host has not joined a cluster yet: give it a join token (--token or teleport.join_params.token_name; tctl tokens add --type=" + options.Role.ToLowerInvariant() + " prints one)");
        }

        using SshPrivateKey sshKey = SshPrivateKey.Generate();
        using ECDsa tlsKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new JoinRequestMessage(
            ReadToken(options.JoinToken),
            options.Role,
            store.ReadHostId(),
            options.NodeName,
            sshKey.PublicKey.ToOpenSshString(),
            Convert.ToBase64String(tlsKey.ExportSubjectPublicKeyInfo()),
            [.. options.Principals]);
        JoinResponseMessage joined = options.ProxyServer is { } proxy
            ? await JoinThroughProxyAsync(proxy, request, cancellationToken).ConfigureAwait(false)
            : await JoinAuthAsync(request, cancellationToken).ConfigureAwait(false);

        SshCertificate certificate = SshKeyFile.ParseCertificate(joined.SshCertificate);
        string clusterName = certificate.Extensions.TryGetValue(Teleport.Api.Identity.TeleportCertExtensions.HostAuthority, out string? authority) ? authority : string.Empty;
        store.Save(joined.HostId, clusterName, sshKey, joined.SshCertificate, tlsKey, joined.TlsCertificate, joined.TlsCaCertificates, joined.SshUserCaKeys, joined.SshHostCaKeys);
        logger.LogInformation("Joined cluster {Cluster} as host {HostId}", clusterName, joined.HostId);
        return store.Load();
    }

    private async Task<JoinResponseMessage> JoinAuthAsync(JoinRequestMessage request, CancellationToken cancellationToken)
    {
        using AuthClient client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await client.JoinAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (AuthApiException e)
        {
            throw new HostJoinException($"joining the cluster at {options.AuthServer} failed: {e.Message}", e);
        }
    }

    /// <summary>
    /// Joins through the proxy's web API. Its web certificate is usually self-signed, so the
    /// transport is not what is trusted: with ca_pin the cluster TLS CA in the answer must match a
    /// pin before anything is stored; without one the first answer is trusted, with a warning, as a
    /// direct join without a pin is.
    /// </summary>
    private async Task<JoinResponseMessage> JoinThroughProxyAsync(string proxy, JoinRequestMessage request, CancellationToken cancellationToken)
    {
        if (options.CaPins.Count == 0)
        {
            logger.LogWarning("Joining the cluster through the proxy {Proxy} without checking the cluster's identity: set ca_pin (tctl status prints it) to rule out an impostor", proxy);
        }

        JoinResponseMessage joined;
        using (var client = new AuthClient(proxy, AuthServerTrust.InsecureSkipVerify()))
        {
            try
            {
                joined = await client.JoinThroughProxyAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (AuthApiException e)
            {
                throw new HostJoinException($"joining the cluster through the proxy at {proxy} failed: {e.Message}", e);
            }
        }

        if (options.CaPins.Count > 0 && !joined.TlsCaCertificates.Any(MatchesPin))
        {
            throw new HostJoinException($"the proxy at {proxy} answered for a cluster whose CA does not match ca_pin {string.Join(", ", options.CaPins)}: check the pin with tctl status on the Auth host");
        }

        return joined;
    }

    private bool MatchesPin(string authorityPem)
    {
        using var authority = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(authorityPem);
        return options.CaPins.Contains(AuthServerTrust.PinOf(authority), StringComparer.OrdinalIgnoreCase);
    }

    private async Task<AuthClient> ConnectAsync(CancellationToken cancellationToken)
    {
        if (options.CaPins.Count > 0)
        {
            try
            {
                return await AuthClient.ConnectPinnedAsync(options.AuthServer, options.CaPins, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (AuthApiException e)
            {
                throw new HostJoinException(e.Message, e);
            }
        }

        // Teleport does the same without a pin: trust on first use, and say so.
        logger.LogWarning("Joining the cluster without checking the Auth server's identity: set ca_pin (tctl status prints it) to rule out an impostor");
        return new AuthClient(options.AuthServer, AuthServerTrust.InsecureSkipVerify());
    }

    /// <summary>A token that starts with / is the path of a file that holds it, as in Teleport.</summary>
    private static string ReadToken(string token) => token.StartsWith('/') ? File.ReadAllText(token).Trim() : token;
}
