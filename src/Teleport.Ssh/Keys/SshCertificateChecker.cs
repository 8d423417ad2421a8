using System.Net;

namespace Teleport.Ssh.Keys;

/// <summary>
/// Decides whether a certificate is acceptable (OpenSSH PROTOCOL.certkeys, sshd's and ssh's
/// checks): of the expected type, signed by a trusted authority that is not itself a certificate,
/// inside its validity window by the injected clock, naming the principal, with only critical
/// options that are understood, <c>source-address</c> enforced, and not revoked.
/// </summary>
public sealed class SshCertificateChecker
{
    /// <summary>Critical options this library understands; any other refuses the certificate.</summary>
    public static readonly IReadOnlySet<string> SupportedCriticalOptions =
        new HashSet<string>(StringComparer.Ordinal) { "force-command", "source-address" };

    private readonly Func<SshPublicKey, bool> _isTrustedAuthority;
    private readonly TimeProvider _clock;

    public SshCertificateChecker(Func<SshPublicKey, bool> isTrustedAuthority, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(isTrustedAuthority);
        _isTrustedAuthority = isTrustedAuthority;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Trusts exactly the given authority keys.</summary>
    public SshCertificateChecker(IEnumerable<SshPublicKey> trustedAuthorities, TimeProvider? clock = null)
        : this(new HashSet<SshPublicKey>(trustedAuthorities).Contains, clock) { }

    /// <summary>A hook for locks and revocation lists: return true to refuse the certificate.</summary>
    public Func<SshCertificate, bool>? IsRevoked { get; init; }

    /// <summary>
    /// Checks <paramref name="certificate"/> for <paramref name="principal"/> (a login, or a host
    /// name without port). <paramref name="clientAddress"/> is enforced against source-address when given.
    /// </summary>
    public CertificateCheckResult Check(SshCertificate certificate, SshCertificateType expectedType, string principal, IPAddress? clientAddress = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        string kind = expectedType == SshCertificateType.User ? "user" : "host";
        if (certificate.Type != expectedType)
        {
            return CertificateCheckResult.Fail($"certificate is a {(certificate.Type == SshCertificateType.User ? "user" : "host")} certificate where a {kind} certificate is required");
        }

        if (certificate.SignatureKey is SshCertificate || !_isTrustedAuthority(certificate.SignatureKey))
        {
            return CertificateCheckResult.Fail($"certificate is signed by an untrusted authority ({certificate.SignatureKey.Fingerprint})");
        }

        if (!certificate.HasValidSignature())
        {
            return CertificateCheckResult.Fail("certificate signature is invalid");
        }

        ulong now = (ulong)Math.Max(0, _clock.GetUtcNow().ToUnixTimeSeconds());
        if (now < certificate.ValidAfter)
        {
            return CertificateCheckResult.Fail($"certificate is not yet valid: valid in {Describe(certificate.ValidAfter - now)}");
        }

        if (certificate.ValidBefore != SshCertificate.Forever && now >= certificate.ValidBefore)
        {
            return CertificateCheckResult.Fail($"certificate expired {Describe(now - certificate.ValidBefore)} ago");
        }

        if (certificate.KeyId.Length == 0)
        {
            return CertificateCheckResult.Fail("certificate has an empty key id");
        }

        if (certificate.Principals.Count == 0)
        {
            return CertificateCheckResult.Fail("certificate lists no principals");
        }

        if (!certificate.Principals.Contains(principal, StringComparer.Ordinal))
        {
            return CertificateCheckResult.Fail($"certificate is not valid for {(expectedType == SshCertificateType.User ? "login" : "host")} \"{principal}\"");
        }

        foreach (string option in certificate.CriticalOptions.Keys)
        {
            if (!SupportedCriticalOptions.Contains(option))
            {
                return CertificateCheckResult.Fail($"certificate has unsupported critical option \"{option}\"");
            }
        }

        if (certificate.CriticalOptions.TryGetValue("source-address", out string? sourceAddress))
        {
            if (clientAddress is null || !SourceAddressAllows(sourceAddress, clientAddress))
            {
                return CertificateCheckResult.Fail($"certificate is not valid from address {clientAddress?.ToString() ?? "unknown"}");
            }
        }

        if (IsRevoked?.Invoke(certificate) == true)
        {
            return CertificateCheckResult.Fail("certificate has been revoked");
        }

        return CertificateCheckResult.Success;
    }

    /// <summary>source-address: a comma-separated list of addresses and CIDR ranges (sshd(8) "source-address").</summary>
    public static bool SourceAddressAllows(string sourceAddress, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(sourceAddress);
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (string entry in sourceAddress.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Contains('/', StringComparison.Ordinal))
            {
                if (IPNetwork.TryParse(entry, out IPNetwork network) && network.Contains(address))
                {
                    return true;
                }
            }
            else if (IPAddress.TryParse(entry, out IPAddress? single) && single.Equals(address))
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(ulong seconds) => seconds switch
    {
        < 120 => $"{seconds}s",
        < 7200 => $"{seconds / 60}m",
        < 172800 => $"{seconds / 3600}h",
        _ => $"{seconds / 86400}d",
    };
}
