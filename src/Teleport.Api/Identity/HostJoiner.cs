using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Teleport.Api.Client;
using Teleport.Api.Client.Messages;
using Teleport.Ssh.Keys;

namespace Teleport.Api.Identity;

/// <summary>
/// The first start of a service (node or proxy): fresh SSH and TLS keys, a join with the token (the Auth server's CA
/// checked against <c>ca_pin</c> when given), and the certificates stored for later starts.
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

        using AuthClient client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        using SshPrivateKey sshKey = SshPrivateKey.Generate();
        using ECDsa tlsKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        JoinResponseMessage joined;
        try
        {
            joined = await client.JoinAsync(
                new JoinRequestMessage(
                    ReadToken(options.JoinToken),
                    options.Role,
                    store.ReadHostId(),
                    options.NodeName,
                    sshKey.PublicKey.ToOpenSshString(),
                    Convert.ToBase64String(tlsKey.ExportSubjectPublicKeyInfo()),
                    [.. options.Principals]),
                cancellationToken).ConfigureAwait(false);
        }
        catch (AuthApiException e)
        {
            throw new HostJoinException($"joining the cluster at {options.AuthServer} failed: {e.Message}", e);
        }

        SshCertificate certificate = SshKeyFile.ParseCertificate(joined.SshCertificate);
        string clusterName = certificate.Extensions.TryGetValue(Teleport.Api.Identity.TeleportCertExtensions.HostAuthority, out string? authority) ? authority : string.Empty;
        store.Save(joined.HostId, clusterName, sshKey, joined.SshCertificate, tlsKey, joined.TlsCertificate, joined.TlsCaCertificates, joined.SshUserCaKeys);
        logger.LogInformation("Joined cluster {Cluster} as host {HostId}", clusterName, joined.HostId);
        return store.Load();
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
