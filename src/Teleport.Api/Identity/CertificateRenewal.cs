using Microsoft.Extensions.Logging;
using Teleport.Api.Client;
using Teleport.Api.Client.Messages;
using Teleport.Api.Hosting;
using Teleport.Ssh.Keys;

namespace Teleport.Api.Identity;

/// <summary>
/// Renews the host's certificates before they expire: when two thirds of the SSH certificate's
/// lifetime have passed, Auth issues new SSH and TLS certificates for the same keys and names.
/// They are stored, presented to new SSH clients, and used for new connections to Auth, with no
/// restart; a failed attempt is retried every minute.
/// </summary>
public sealed class CertificateRenewal(
    AuthClient client,
    HostIdentity identity,
    HostIdentityStore store,
    IList<ISshSigner> hostKeys,
    TimeProvider clock,
    ILogger logger) : BackgroundLoop
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    private SshCertificate _current = identity.SshCertificate;

    /// <summary>When a certificate is due: two thirds into its validity; never for one without end.</summary>
    public static DateTimeOffset? RenewAt(SshCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (certificate.ValidBefore == SshCertificate.Forever || certificate.ValidBefore > (ulong)DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return null;
        }

        long start = (long)certificate.ValidAfter;
        long end = (long)certificate.ValidBefore;
        return DateTimeOffset.FromUnixTimeSeconds(start + ((end - start) * 2 / 3));
    }

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && RenewAt(_current) is { } due)
        {
            TimeSpan wait = due - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait < LongestWait ? wait : LongestWait, clock, cancellationToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                await RenewAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AuthApiException or HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Renewing the host certificates failed (they expire {Expiry:u}): {Error}", DateTimeOffset.FromUnixTimeSeconds((long)_current.ValidBefore), e.Message);
                await Task.Delay(RetryDelay, clock, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        string tlsKey = Convert.ToBase64String(identity.TlsCertificate.PublicKey.ExportSubjectPublicKeyInfo());
        CertificatesMessage renewed = await client.RenewHostAsync(new RenewHostMessage(_current.ToOpenSshString(), tlsKey), cancellationToken).ConfigureAwait(false);
        SshCertificate certificate = SshKeyFile.ParseCertificate(renewed.SshCertificate);
        string tlsPem = renewed.TlsCertificate ?? throw new IOException("Auth returned no TLS certificate");
        store.SaveCertificates(renewed.SshCertificate, tlsPem);
        client.UseClientCertificate(store.WithTlsKey(tlsPem));
        hostKeys[0] = new SshCertificateSigner(certificate, identity.SshKey);
        _current = certificate;
        logger.LogInformation("Host certificates renewed; valid until {Expiry:u}", DateTimeOffset.FromUnixTimeSeconds((long)certificate.ValidBefore));
    }
}
