using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Teleport.Api.Client;

/// <summary>
/// How the client decides to trust the Auth server's TLS certificate: it must chain to the
/// cluster's TLS CA. Before a host has joined it knows only a <c>ca_pin</c> (<c>sha256:</c> + hex
/// SHA-256 of the CA's SubjectPublicKeyInfo, as Teleport prints it): see
/// <see cref="AuthClient.ConnectPinnedAsync"/>, which fetches the CA and checks it against the pin.
/// </summary>
public sealed class AuthServerTrust
{
    private AuthServerTrust(X509Certificate2Collection? authorities, bool insecure)
    {
        Authorities = authorities;
        Insecure = insecure;
    }

    public X509Certificate2Collection? Authorities { get; }

    /// <summary>Trust anything: only for a first join without a pin, and the caller must say so.</summary>
    public bool Insecure { get; }

    public static AuthServerTrust FromAuthorities(X509Certificate2Collection authorities) => new(authorities, insecure: false);

    /// <summary>Trusts any server: only to fetch the CA that a pin then vouches for, or when the user said --insecure.</summary>
    public static AuthServerTrust InsecureSkipVerify() => new(null, insecure: true);

    /// <summary>The pin of a CA certificate, in Teleport's form.</summary>
    public static string PinOf(X509Certificate2 authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(authority.PublicKey.ExportSubjectPublicKeyInfo()));
    }

    internal bool Validate(X509Certificate2? certificate)
    {
        if (Insecure)
        {
            return true;
        }

        if (certificate is null)
        {
            return false;
        }

        if (Authorities is not null)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(Authorities);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(certificate);
        }

        return false;
    }

    internal RemoteCertificateValidationCallback Callback => (_, certificate, _, _) =>
        Validate(certificate as X509Certificate2);
}
