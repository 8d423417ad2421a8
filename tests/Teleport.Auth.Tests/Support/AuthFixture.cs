using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Teleport.Api.Client;
using Teleport.Api.Client.Messages;
using Teleport.Auth.Api;
using Teleport.Auth.Identity;
using Teleport.Backend;
using Teleport.Ssh.Keys;

namespace Teleport.Auth.Tests.Support;

/// <summary>
/// A running Auth service on a loopback port (SQLite backend in a temporary data directory, a
/// hand-moved clock) with the admin identity written where tctl would find it.
/// </summary>
public sealed class AuthFixture : IAsyncLifetime
{
    public const string ClusterName = "test.example.com";
    public const string StaticToken = "static-node-token-0123456789";

    private IBackend? _backend;

    internal ManualTimeProvider Clock { get; } = new();

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("auth-test-").FullName;

    public AuthServer Auth { get; private set; } = null!;

    public AuthApiServer Api { get; private set; } = null!;

    public string Address => $"127.0.0.1:{Api.LocalEndPoint.Port}";

    public AuthClient Admin { get; private set; } = null!;

    public X509Certificate2Collection Authorities { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _backend = await SqliteBackend.OpenAsync(new SqliteBackendOptions { Directory = Path.Combine(DataDirectory, "backend"), TimeProvider = Clock });
        Auth = await AuthServer.StartAsync(_backend, new AuthServerOptions
        {
            ClusterName = ClusterName,
            DataDirectory = DataDirectory,
            Clock = Clock,
            PasswordHasher = new PasswordHasher(iterations: 1000),
            StaticTokens = [Teleport.Api.Config.StaticToken.Parse("node:" + StaticToken)],
            PublicAddress = "proxy.example.com:3080",
        });
        Api = await AuthApiServer.StartAsync(Auth, new AuthApiOptions { ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0), PublicRequestsPerSecond = 1000 });
        await AdminIdentity.WriteAsync(Auth, DataDirectory);
        (X509Certificate2 certificate, X509Certificate2Collection authorities) = Teleport.Api.Client.LocalAdminIdentity.Load(DataDirectory);
        Authorities = authorities;
        Admin = new AuthClient(Address, AuthServerTrust.FromAuthorities(authorities), certificate);
    }

    /// <summary>A client without a certificate that trusts the cluster CA.</summary>
    public AuthClient Anonymous() => new(Address, AuthServerTrust.FromAuthorities(Authorities));

    /// <summary>A client presenting <paramref name="certificate"/>.</summary>
    public AuthClient As(X509Certificate2 certificate) => new(Address, AuthServerTrust.FromAuthorities(Authorities), certificate);

    /// <summary>Creates a user through an invitation and completes it; returns the TOTP secret.</summary>
    public async Task<byte[]> CreateUserAsync(string name, string password, string[] roles, string[] logins)
    {
        InvitationMessage invitation = await Admin.CreateUserAsync(new CreateUserMessage(name, roles, logins));
        using AuthClient anonymous = Anonymous();
        InviteResponseMessage invite = await anonymous.GetInviteAsync(invitation.Token);
        byte[] secret = Base32.Decode(System.Web.HttpUtility.ParseQueryString(new Uri(invite.OtpAuthUri).Query)["secret"]!);
        await anonymous.CompleteInviteAsync(invitation.Token, new CompleteInviteMessage(password, CurrentCode(secret)));
        return secret;
    }

    /// <summary>The TOTP code of the step after the last one used, so no code is ever reused by accident.</summary>
    public string CurrentCode(byte[] secret)
    {
        Clock.Advance(TimeSpan.FromSeconds(30));
        return Totp.Code(secret, Totp.StepAt(Clock.GetUtcNow()));
    }

    /// <summary>Logs in and returns the certificates plus a client that presents the TLS one.</summary>
    public async Task<(LoginResponseMessage Login, AuthClient Client, SshPrivateKey Key)> LoginAsync(string name, string password, byte[] secret)
    {
        SshPrivateKey key = SshPrivateKey.Generate();
        using var tlsKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using AuthClient anonymous = Anonymous();
        LoginResponseMessage login = await anonymous.LoginAsync(name, new LoginRequestMessage(
            password, CurrentCode(secret), key.PublicKey.ToOpenSshString(), Convert.ToBase64String(tlsKey.ExportSubjectPublicKeyInfo()), "1h"));
        using var pem = X509Certificate2.CreateFromPem(login.TlsCertificate);
        using X509Certificate2 withKey = pem.CopyWithPrivateKey(tlsKey);
        X509Certificate2 certificate = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        return (login, As(certificate), key);
    }

    public async Task DisposeAsync()
    {
        Admin?.Dispose();
        if (Api is not null)
        {
            await Api.DisposeAsync();
        }

        Auth?.Dispose();
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }

        Directory.Delete(DataDirectory, recursive: true);
    }
}
