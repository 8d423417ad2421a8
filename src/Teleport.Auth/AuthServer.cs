using Teleport.Api.Types;
using Teleport.Auth.Access;
using Teleport.Auth.Audit;
using Teleport.Auth.Identity;
using Teleport.Auth.Presence;
using Teleport.Auth.Provisioning;
using Teleport.Auth.Recordings;
using Teleport.Auth.Storage;
using Teleport.Auth.Trust;
using Teleport.Backend;

namespace Teleport.Auth;

/// <summary>
/// The Auth service: composes identity, access, trust, provisioning, presence, audit and
/// recordings over one backend. The first start creates the cluster's name, CAs and preset roles;
/// later starts find them and keep them, so a restart loses nothing.
/// </summary>
public sealed class AuthServer : IDisposable
{
    private AuthServer(AuthServerOptions options, IBackend backend, ClusterName clusterName, ClusterAuthorities authorities, AuditLog audit)
    {
        Options = options;
        Backend = backend;
        ClusterName = clusterName;
        Authorities = authorities;
        Audit = audit;
        TimeProvider clock = options.Clock;
        var users = new ResourceStore<User>(backend, "users", "user");
        var roles = new ResourceStore<Role>(backend, "roles", "role");
        var credentials = new CredentialStore(backend);
        Certificates = new CertificateService(authorities, roles, audit, clock);
        Users = new UserService(users, roles, credentials, audit, clock);
        Invitations = new InvitationService(credentials, audit, options.PasswordHasher, clock, clusterName.Spec.ClusterName);
        Logins = new LoginService(users, credentials, audit, clock, options.SecondFactor);
        Roles = new RoleService(roles, users, audit);
        Provisioning = new ProvisioningService(new ResourceStore<ProvisionToken>(backend, "tokens", "token"), options.StaticTokens, Certificates, audit, clock);
        Presence = new PresenceService(new ResourceStore<Server>(backend, "nodes", "node"), clock);
        Recordings = options.DataDirectory is null ? null : new RecordingStore(Path.Combine(options.DataDirectory, "log", "records"));
    }

    public AuthServerOptions Options { get; }

    public IBackend Backend { get; }

    public ClusterName ClusterName { get; }

    public string Name => ClusterName.Spec.ClusterName;

    public ClusterAuthorities Authorities { get; }

    public AuditLog Audit { get; }

    public CertificateService Certificates { get; }

    public UserService Users { get; }

    public InvitationService Invitations { get; }

    public LoginService Logins { get; }

    public RoleService Roles { get; }

    public ProvisioningService Provisioning { get; }

    public PresenceService Presence { get; }

    /// <summary>Null when the server has no data directory.</summary>
    public RecordingStore? Recordings { get; }

    public static async Task<AuthServer> StartAsync(IBackend backend, AuthServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(options);
        ClusterName clusterName = await EnsureClusterNameAsync(backend, options.ClusterName, cancellationToken).ConfigureAwait(false);
        string name = clusterName.Spec.ClusterName;
        ClusterAuthorities authorities = await ClusterAuthorities.LoadOrCreateAsync(backend, name, options.Clock, cancellationToken).ConfigureAwait(false);
        if (options.DataDirectory is not null)
        {
            // Audit events and recordings go under <data_dir>/log: private like the rest of data_dir.
            Directory.CreateDirectory(Path.Combine(options.DataDirectory, "log"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var audit = new AuditLog(backend, name, options.Clock, options.DataDirectory is null ? null : Path.Combine(options.DataDirectory, "log", "events"));
        var server = new AuthServer(options, backend, clusterName, authorities, audit);
        await server.Roles.EnsurePresetsAsync(cancellationToken).ConfigureAwait(false);
        return server;
    }

    public void Dispose()
    {
        Authorities.Dispose();
        Audit.Dispose();
    }

    /// <summary>The cluster name is fixed at the first start (Teleport refuses to rename a cluster: certificates carry it).</summary>
    private static async Task<ClusterName> EnsureClusterNameAsync(IBackend backend, string configured, CancellationToken cancellationToken)
    {
        var store = new ResourceStore<ClusterName>(backend, "cluster_configuration", "cluster_name");
        ClusterName? existing = await store.GetAsync(ClusterName.ResourceName, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            if (!string.Equals(existing.Spec.ClusterName, configured, StringComparison.Ordinal))
            {
                throw AuthException.BadParameter(
                    $"this data directory belongs to cluster \"{existing.Spec.ClusterName}\"; auth_service.cluster_name says \"{configured}\": a cluster cannot be renamed");
            }

            return existing;
        }

        ClusterName created = ClusterName.Create(configured, Guid.NewGuid().ToString());
        try
        {
            return await store.CreateAsync(created, cancellationToken).ConfigureAwait(false);
        }
        catch (AuthException e) when (e.Kind == Teleport.Api.Client.ErrorKinds.AlreadyExists)
        {
            return await store.GetRequiredAsync(ClusterName.ResourceName, cancellationToken).ConfigureAwait(false);
        }
    }
}
