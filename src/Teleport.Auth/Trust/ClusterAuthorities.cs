using Teleport.Api.Types;
using Teleport.Auth.Storage;
using Teleport.Backend;
using Teleport.Ssh.Keys;

namespace Teleport.Auth.Trust;

/// <summary>
/// The cluster's three certificate authorities, loaded with their private keys: the SSH host CA
/// and SSH user CA (Ed25519) and the TLS CA (ECDSA P-256). Created on the first start and kept in
/// the backend under <c>/authorities/&lt;type&gt;/&lt;cluster&gt;</c>; the keys never leave the Auth service.
/// </summary>
public sealed class ClusterAuthorities : IDisposable
{
    private ClusterAuthorities(string clusterName, SshPrivateKey hostCa, SshPrivateKey userCa, TlsCertificateAuthority tls)
    {
        ClusterName = clusterName;
        HostCa = hostCa;
        UserCa = userCa;
        Tls = tls;
    }

    public string ClusterName { get; }

    public SshPrivateKey HostCa { get; }

    public SshPrivateKey UserCa { get; }

    public TlsCertificateAuthority Tls { get; }

    /// <summary>Loads the CAs of <paramref name="clusterName"/>, creating any that do not exist yet.</summary>
    public static async Task<ClusterAuthorities> LoadOrCreateAsync(IBackend backend, string clusterName, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(clock);
        SshPrivateKey hostCa = await LoadOrCreateSshAsync(backend, CertAuthTypes.Host, clusterName, cancellationToken).ConfigureAwait(false);
        SshPrivateKey userCa = await LoadOrCreateSshAsync(backend, CertAuthTypes.User, clusterName, cancellationToken).ConfigureAwait(false);
        string tlsKey = Keys.Key("authorities", "tls", clusterName);
        StoredCertificateAuthority? stored = await JsonItems.GetAsync(backend, tlsKey, StorageJsonContext.Default.StoredCertificateAuthority, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            using TlsCertificateAuthority created = TlsCertificateAuthority.Create(clusterName, clock.GetUtcNow());
            stored = new StoredCertificateAuthority("tls", clusterName, null, created.CertificatePem, created.ExportPrivateKey());
            stored = await CreateOrReadAsync(backend, tlsKey, stored, cancellationToken).ConfigureAwait(false);
        }

        TlsCertificateAuthority tls = TlsCertificateAuthority.FromPem(stored.TlsCertificatePem!, stored.TlsPrivateKey);
        return new ClusterAuthorities(clusterName, hostCa, userCa, tls);
    }

    /// <summary>The public view Teleport shows as a cert_authority resource (tctl get cert_authority).</summary>
    public CertAuthority ToResource(string type)
    {
        SshPrivateKey ssh = type == CertAuthTypes.User ? UserCa : HostCa;
        var keys = new CAKeySet
        {
            Ssh = [new SshKeyPair { PublicKey = ssh.PublicKey.ToOpenSshString() }],
            Tls = [new TlsKeyPair { Cert = Tls.CertificatePem }],
        };
        return new CertAuthority
        {
            SubKind = type,
            Metadata = new Metadata { Name = ClusterName },
            Spec = new CertAuthoritySpec { Type = type, ClusterName = ClusterName, ActiveKeys = keys },
        };
    }

    public void Dispose()
    {
        HostCa.Dispose();
        UserCa.Dispose();
        Tls.Dispose();
    }

    private static async Task<SshPrivateKey> LoadOrCreateSshAsync(IBackend backend, string type, string clusterName, CancellationToken cancellationToken)
    {
        string key = Keys.Key("authorities", type, clusterName);
        StoredCertificateAuthority? stored = await JsonItems.GetAsync(backend, key, StorageJsonContext.Default.StoredCertificateAuthority, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            using SshPrivateKey created = SshPrivateKey.Generate();
            created.Comment = $"{type} CA of {clusterName}";
            stored = new StoredCertificateAuthority(type, clusterName, OpenSshPrivateKeyFile.Write(created), null, null);
            stored = await CreateOrReadAsync(backend, key, stored, cancellationToken).ConfigureAwait(false);
        }

        return OpenSshPrivateKeyFile.Read(stored.SshPrivateKey!);
    }

    /// <summary>Creates the CA unless one appeared meanwhile, in which case that one wins.</summary>
    private static async Task<StoredCertificateAuthority> CreateOrReadAsync(IBackend backend, string key, StoredCertificateAuthority created, CancellationToken cancellationToken)
    {
        try
        {
            await backend.CreateAsync(JsonItems.Encode(key, created, StorageJsonContext.Default.StoredCertificateAuthority), cancellationToken).ConfigureAwait(false);
            return created;
        }
        catch (AlreadyExistsException)
        {
            return (await JsonItems.GetAsync(backend, key, StorageJsonContext.Default.StoredCertificateAuthority, cancellationToken).ConfigureAwait(false))!;
        }
    }
}
