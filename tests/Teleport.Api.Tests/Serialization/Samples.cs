using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Teleport.Api.Types;
using Teleport.Ssh.Keys;

namespace Teleport.Api.Tests.Serialization;

/// <summary>One resource of each kind with most fields set, for round trips and fixtures.</summary>
internal static class Samples
{
    private static readonly Lazy<(string Ssh, string Tls)> Keys = new(() =>
    {
        string ssh = SshPrivateKey.Generate().PublicKey.ToOpenSshString("host-ca");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("O=example.com,CN=example.com", key, HashAlgorithmName.SHA256);
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        return (ssh, certificate.ExportCertificatePem());
    });

    public static string SshPublicKey => Keys.Value.Ssh;

    public static string TlsCertificatePem => Keys.Value.Tls;

    public static User User => new()
    {
        Metadata = new Metadata { Name = "alice", Description = "Alice", Labels = [new("team", "ops")] },
        Spec = new UserSpec
        {
            Roles = ["access", "editor"],
            Traits = ValueMap.Of(("logins", ["alice", "root"]), ("kubernetes_groups", ["system:masters"]), ("email", ["alice@example.com"])),
            Status = new LoginStatus
            {
                IsLocked = true,
                LockedMessage = "too many failed logins",
                LockedTime = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
                LockExpires = new DateTimeOffset(2025, 1, 2, 3, 34, 5, 123, TimeSpan.Zero),
            },
            CreatedBy = new CreatedBy { Time = new DateTimeOffset(2024, 12, 1, 0, 0, 0, TimeSpan.Zero), User = "builtin-Admin" },
            GithubIdentities = [new ExternalIdentity { ConnectorId = "github", Username = "alice-gh", UserId = "42" }],
            TrustedDeviceIds = ["device-1"],
        },
        Status = new UserStatus { PasswordState = PasswordState.Set, MfaWeakestDevice = MfaDeviceKind.Totp },
    };

    public static Role Role => new()
    {
        Metadata = new Metadata { Name = "dev", Description = "Developers", Expires = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero) },
        Spec = new RoleSpec
        {
            Options = new RoleOptions
            {
                MaxSessionTtl = Duration.Parse("8h"),
                ForwardAgent = true,
                PortForwarding = false,
                SshPortForwarding = new SshPortForwarding { LocalEnabled = true, RemoteEnabled = false },
                SshFileCopy = false,
                ClientIdleTimeout = Duration.Parse("30m"),
                DisconnectExpiredCert = true,
                CertFormat = CertificateFormats.Standard,
                EnhancedRecording = ["command", "network"],
                RecordSession = new RecordSession { Default = "best_effort", Ssh = "strict", Desktop = false },
                MaxSessions = 10,
                Lock = "strict",
                RequireSessionMfa = RequireMfaType.HardwareKeyTouch,
                CertExtensions = [new CertExtension { Name = "login@github.com", Value = "{{external.github_login}}" }],
                IdpSamlEnabled = true,
                CreateHostUserMode = "keep",
                MfaVerificationInterval = Duration.Parse("1h30m"),
            },
            Allow = new RoleConditions
            {
                Logins = ["{{internal.logins}}", "ubuntu", "{{email.local(external.email)}}"],
                NodeLabels = ValueMap.Of(("env", ["dev", "staging"]), ("region", ["^us-.*$"]), ("team", ["{{external.team}}"])),
                NodeLabelsExpression = "labels[\"env\"] == \"staging\"",
                Rules =
                [
                    new Rule { Resources = ["role", "user"], Verbs = ["list", "read"] },
                    new Rule { Resources = ["session"], Verbs = ["list", "read"], Where = "contains(session.participants, user.metadata.name)" },
                ],
                KubernetesGroups = ["system:masters", "{{external.groups}}"],
                KubernetesResources = [new KubernetesResource { Kind = "pod", Namespace = "*", Name = "^nginx-[a-z0-9-]+$", Verbs = ["get", "list"] }],
                DatabaseLabels = ValueMap.Of(("env", ["{{regexp.replace(external.env, \"^(staging)$\", \"$1\")}}"])),
                DatabaseUsers = ["{{email.local(external.email)}}"],
                Impersonate = new ImpersonateConditions { Users = ["*"], Roles = ["jenkins"] },
                Request = new AccessRequestConditions
                {
                    Roles = ["dba"],
                    ClaimsToRoles = [new ClaimMapping { Claim = "projects", Value = "^product-(.*)$", Roles = ["$1-admin"] }],
                    Annotations = ValueMap.Of(("groups", ["{{external.groups}}"])),
                    Thresholds = [new AccessReviewThreshold { Approve = 2, Deny = 1 }],
                    MaxDuration = Duration.FromHours(48),
                },
                JoinSessions = [new SessionJoinPolicy { Name = "auditors", Roles = ["prod-access"], Kinds = ["ssh"], Modes = ["observer"] }],
                RequireSessionJoin = [new SessionRequirePolicy { Name = "oversight", Filter = "contains(user.spec.roles, \"auditor\")", Kinds = ["ssh"], Count = 1, Modes = ["moderator"], OnLeave = "terminate" }],
            },
            Deny = new RoleConditions
            {
                Logins = ["root"],
                NodeLabels = ValueMap.Of(("workload", ["database", "backup"])),
            },
        },
    };

    public static ProvisionToken Token => new()
    {
        Metadata = new Metadata { Name = "8a1b4c9f3e2d7a6b5c4d3e2f1a0b9c8d", Expires = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero) },
        Spec = new ProvisionTokenSpec
        {
            Roles = [SystemRoles.Node, SystemRoles.Proxy],
            JoinMethod = JoinMethods.Token,
            SuggestedLabels = ValueMap.Of(("env", ["prod"])),
        },
    };

    public static CertAuthority CertAuthority => new()
    {
        SubKind = CertAuthTypes.Host,
        Metadata = new Metadata { Name = "example.com" },
        Spec = new CertAuthoritySpec
        {
            Type = CertAuthTypes.Host,
            ClusterName = "example.com",
            ActiveKeys = new CAKeySet
            {
                Ssh = [new SshKeyPair { PublicKey = SshPublicKey }],
                Tls = [new TlsKeyPair { Cert = TlsCertificatePem }],
            },
            AdditionalTrustedKeys = new CAKeySet { Ssh = [new SshKeyPair { PublicKey = SshPublicKey, PrivateKeyType = 1 }] },
        },
    };

    public static Server Node => new()
    {
        SubKind = "teleport",
        Metadata = new Metadata
        {
            Name = "5b5c2a84-2c8a-4e5f-9b1a-3d1e7c2f9a10",
            Labels = [new("env", "prod"), new("role", "web")],
            Expires = new DateTimeOffset(2025, 1, 1, 0, 10, 0, TimeSpan.Zero),
        },
        Spec = new ServerSpec
        {
            Addr = "10.0.0.5:3022",
            Hostname = "web1",
            Version = "17.0.0",
            CmdLabels =
            [
                new("arch", new CommandLabel { Period = Duration.FromMinutes(1), Command = ["/bin/uname", "-m"], Result = "x86_64" }),
                new("role", new CommandLabel { Period = Duration.FromHours(1), Command = ["/usr/local/bin/role"], Result = "db" }),
            ],
        },
    };

    public static ClusterName ClusterName => ClusterName.Create("example.com", "4a6d7a3c-6b9e-4c2d-8f1a-2b3c4d5e6f70");

    public static IEnumerable<IResource> All => [User, Role, Token, CertAuthority, Node, ClusterName];
}
