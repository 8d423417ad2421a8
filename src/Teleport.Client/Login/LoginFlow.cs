using System.Globalization;
using System.Security.Cryptography;
using Teleport.Api.Types;
using Teleport.Client.Profiles;
using Teleport.Client.WebApi;
using Teleport.Ssh.Keys;

namespace Teleport.Client.Login;

/// <summary>
/// tsh login: ping the proxy, ask for the password and the second factor, have a fresh Ed25519 SSH
/// key and P-256 TLS key signed, and keep everything as the current profile.
/// </summary>
public static class LoginFlow
{
    public static async Task<ClientProfile> LoginAsync(LoginOptions options, ICredentialPrompt prompt, ProfileStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(store);
        if (options.Ttl is not null && (!Duration.TryParse(options.Ttl, out Duration ttl) || ttl <= Duration.Zero))
        {
            throw new ClientException($"invalid --ttl \"{options.Ttl}\": use a duration such as 12h or 30m");
        }

        HostPort web = HostPort.Parse(options.Proxy, HostPort.DefaultWebPort);
        using var api = new WebApiClient(web.ToString(), options.Insecure);
        WebPingResponse ping = await api.PingAsync(cancellationToken).ConfigureAwait(false);
        string cluster = ping.ClusterName is { Length: > 0 } name ? name : throw new ClientException("the proxy did not say which cluster it serves");
        string secondFactor = ping.Auth?.SecondFactor ?? "otp";

        string password = prompt.ReadPassword($"Enter password for Teleport user {options.User}:");
        string? otp = secondFactor is "off" or "" ? null : prompt.ReadOtp("Enter your OTP token:");

        using var sshKey = Ed25519PrivateKey.Generate();
        using var tlsKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        CreateSshCertResponse response = await api.CreateSshCertAsync(
            new CreateSshCertRequest(
                options.User,
                password,
                otp,
                sshKey.PublicKey.ToOpenSshString(),
                Convert.ToBase64String(tlsKey.ExportSubjectPublicKeyInfo()),
                options.Ttl),
            cancellationToken).ConfigureAwait(false);

        SshCertificate certificate;
        IReadOnlyList<SshPublicKey> hostAuthorities;
        try
        {
            certificate = SshKeyFile.ParseCertificate(response.Cert ?? throw new ClientException("the proxy returned no certificate"));
            hostAuthorities = [.. (response.HostSigners ?? []).Select(SshKeyFile.ParsePublicKey)];
        }
        catch (SshKeyFileException e)
        {
            throw new ClientException($"the proxy returned an unreadable certificate: {e.Message}", e);
        }

        var profile = new ClientProfile(web.ToString(), SshProxyAddr(ping, web), response.Username ?? options.User, response.ClusterName ?? cluster, options.Insecure);
        var keys = new ClientKeys(
            sshKey,
            certificate,
            response.TlsCert ?? string.Empty,
            response.TlsCert is null ? string.Empty : tlsKey.ExportPkcs8PrivateKeyPem(),
            response.TlsCaCertificates ?? [],
            hostAuthorities);
        store.Save(profile, keys);
        return profile;
    }

    /// <summary>
    /// Where to dial SSH: the ping's ssh_public_addr, else its listen_addr's port; an unspecified
    /// host (0.0.0.0, ::) means "the proxy's own host".
    /// </summary>
    internal static string SshProxyAddr(WebPingResponse ping, HostPort web)
    {
        WebPingProxySsh? ssh = ping.Proxy?.Ssh;
        string? addr = ssh?.SshPublicAddr is { Length: > 0 } publicAddr ? publicAddr : ssh?.ListenAddr;
        if (string.IsNullOrEmpty(addr))
        {
            return new HostPort(web.Host, HostPort.DefaultSshProxyPort).ToString();
        }

        HostPort parsed = HostPort.Parse(addr, HostPort.DefaultSshProxyPort);
        return parsed.Host is "0.0.0.0" or "::" or "" ? new HostPort(web.Host, parsed.Port).ToString() : parsed.ToString();
    }

    /// <summary>A Go-style duration for the status line, such as 11h59m30s.</summary>
    public static string FormatRemaining(TimeSpan remaining) =>
        remaining <= TimeSpan.Zero ? "0s" : Duration.FromTimeSpan(TimeSpan.FromSeconds(Math.Floor(remaining.TotalSeconds))).ToString();

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
