using System.Net;
using Teleport.Ssh.Keys;

namespace Teleport.Client.Ssh;

/// <summary>
/// Trusts a server only when it presents a host certificate from the cluster's host CA, valid now,
/// naming the host tsh meant to reach (the proxy's host name, a node's name or UUID).
/// </summary>
public static class HostCertificateVerifier
{
    /// <param name="authorities">The cluster's host CA keys (from login).</param>
    /// <param name="principals">Names any one of which the certificate must list; empty for an address target, where the CA signature is the check.</param>
    public static Func<SshPublicKey, CancellationToken, ValueTask<bool>> Create(IReadOnlyList<SshPublicKey> authorities, IReadOnlyList<string> principals, TimeProvider clock, Action<string> onRejected)
    {
        var checker = new SshCertificateChecker(authorities, clock);
        return (key, _) => ValueTask.FromResult(Verify(checker, key, principals, onRejected));
    }

    internal static bool Verify(SshCertificateChecker checker, SshPublicKey key, IReadOnlyList<string> principals, Action<string> onRejected)
    {
        if (key is not SshCertificate certificate)
        {
            onRejected($"the server presented a plain {key.KeyType} key, not a certificate from the cluster's host CA");
            return false;
        }

        string? error = null;
        foreach (string principal in principals.Count == 0 ? [certificate.Principals.FirstOrDefault() ?? string.Empty] : principals)
        {
            CertificateCheckResult result = checker.Check(certificate, SshCertificateType.Host, principal);
            if (result.IsValid)
            {
                return true;
            }

            error ??= result.Error;
        }

        onRejected("the server's host certificate was refused: " + error);
        return false;
    }

    /// <summary>Whether <paramref name="host"/> is an IP address (no name to look for among the principals).</summary>
    public static bool IsAddress(string host) => IPAddress.TryParse(host, out _);
}
