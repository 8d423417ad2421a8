namespace Teleport.Ssh.Keys;

/// <summary>
/// The known_hosts files a client checks a server's key against (sshd(8) SSH_KNOWN_HOSTS FILE
/// FORMAT), with the decisions of OpenSSH's hostfile.c and sshconnect.c: revocation first; a
/// host certificate is trusted through a matching <c>@cert-authority</c> line and a passing
/// certificate check, and otherwise falls back to its plain key; a plain key is trusted when
/// listed for the host, and a different key of the same type listed for it means the key changed.
/// </summary>
public sealed class KnownHosts
{
    private readonly KnownHostsEntry[] _entries;

    public KnownHosts(IEnumerable<KnownHostsEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [.. entries];
    }

    private KnownHosts(KnownHostsEntry[] entries, List<string> errors)
    {
        _entries = entries;
        Errors = errors;
    }

    public IReadOnlyList<KnownHostsEntry> Entries => _entries;

    /// <summary>Lines skipped as invalid, as OpenSSH skips them: <c>file:line: reason</c>.</summary>
    public IReadOnlyList<string> Errors { get; } = [];

    /// <summary>The clock for host certificate validity.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public static KnownHosts Parse(string text, string? source = null)
    {
        var entries = new List<KnownHostsEntry>();
        var errors = new List<string>();
        Parse(text, source, entries, errors);
        return new KnownHosts([.. entries], errors);
    }

    /// <summary>Reads several files in order (user's, then global); missing files are skipped.</summary>
    public static KnownHosts Load(params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var entries = new List<KnownHostsEntry>();
        var errors = new List<string>();
        foreach (string path in paths.Where(File.Exists))
        {
            Parse(File.ReadAllText(path), path, entries, errors);
        }

        return new KnownHosts([.. entries], errors);
    }

    /// <summary>
    /// Decides about <paramref name="hostKey"/>, a plain key or a certificate, presented by
    /// <paramref name="host"/> (the name the user asked for, without port) at <paramref name="port"/>.
    /// </summary>
    public HostKeyVerification Verify(string host, int port, SshPublicKey hostKey)
    {
        ArgumentNullException.ThrowIfNull(hostKey);
        string name = KnownHostsEntry.FormatHost(host);
        string hostName = KnownHostsEntry.FormatHost(host, port);
        var certificate = hostKey as SshCertificate;
        SshPublicKey plainKey = certificate?.Key ?? hostKey;

        // sshconnect.c retries a certificate without the port when [host]:port finds no CA:
        // @cert-authority lines name hosts, and services often listen on other ports.
        bool ForHost(KnownHostsEntry entry) => entry.Matches(hostName) || (certificate is not null && entry.Matches(name));

        // hostfile.c check_key_not_revoked: the key itself, or the CA that signed it.
        KnownHostsEntry? revoked = Array.Find(_entries, entry => entry.Marker == KnownHostsMarker.Revoked && ForHost(entry)
            && (entry.PublicPart.Equals(plainKey) || entry.PublicPart.Equals(certificate?.SignatureKey)));
        if (revoked is not null)
        {
            string what = revoked.PublicPart.Equals(plainKey) ? $"host key {plainKey.Fingerprint}" : $"certificate authority {revoked.PublicPart.Fingerprint}";
            return new(HostKeyStatus.Revoked, $"the {what} of {hostName} is marked @revoked at {Where(revoked)}: refusing to connect", revoked);
        }

        string? certificateProblem = null;
        if (certificate is not null)
        {
            KnownHostsEntry? authority = Array.Find(_entries, entry => entry.Marker == KnownHostsMarker.CertificateAuthority
                && ForHost(entry) && entry.PublicPart.Equals(certificate.SignatureKey));
            if (authority is null)
            {
                certificateProblem = $"no @cert-authority line for {hostName} trusts the host certificate's CA {certificate.SignatureKey.Fingerprint}";
            }
            else
            {
                CertificateCheckResult check = new SshCertificateChecker([authority.PublicPart], Clock).Check(certificate, SshCertificateType.Host, name);

                // sshconnect.c check_host_cert: a host certificate may carry no critical options.
                if (check.IsValid && certificate.CriticalOptions.Count > 0)
                {
                    check = CertificateCheckResult.Fail($"host certificate has critical options ({string.Join(", ", certificate.CriticalOptions.Keys)})");
                }

                if (check.IsValid)
                {
                    return new(HostKeyStatus.Trusted, $"the host certificate of {hostName} is signed by the certificate authority at {Where(authority)}", authority);
                }

                certificateProblem = check.Error;
            }
        }

        return VerifyPlainKey(hostName, plainKey, certificateProblem);
    }

    private HostKeyVerification VerifyPlainKey(string hostName, SshPublicKey key, string? certificateProblem)
    {
        string suffix = certificateProblem is null ? string.Empty : $" ({certificateProblem})";
        KnownHostsEntry[] known = Array.FindAll(_entries, entry => entry.Marker == KnownHostsMarker.None && entry.Matches(hostName));
        if (Array.Find(known, entry => entry.Key.Equals(key)) is { } match)
        {
            return new(HostKeyStatus.Trusted, $"the {key.KeyType} host key of {hostName} matches {Where(match)}{suffix}", match);
        }

        if (Array.Find(known, entry => entry.PublicPart.KeyType == key.KeyType) is { } conflict)
        {
            return new(
                HostKeyStatus.Changed,
                $"REMOTE HOST IDENTIFICATION HAS CHANGED: {hostName} presented the {key.KeyType} key {key.Fingerprint}, "
                + $"but {Where(conflict)} holds a different one. Someone could be eavesdropping on you (a man-in-the-middle attack), "
                + $"or the host key has just been changed; if you trust the change, remove the old key{suffix}",
                conflict);
        }

        string others = known.Length > 0 ? ", but keys of other types are known for this host" : string.Empty;
        return new(HostKeyStatus.Unknown, $"the authenticity of {hostName} can't be established: {key.KeyType} key fingerprint is {key.Fingerprint}{others}{suffix}", null);
    }

    private static void Parse(string text, string? source, List<KnownHostsEntry> entries, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        int number = 0;
        foreach (ReadOnlySpan<char> line in text.AsSpan().EnumerateLines())
        {
            number++;
            try
            {
                if (KnownHostsEntry.ParseLine(line.ToString(), number, source) is { } entry)
                {
                    entries.Add(entry);
                }
            }
            catch (FormatException e)
            {
                errors.Add($"{source ?? "known_hosts"}:{number}: {e.Message}");
            }
        }
    }

    private static string Where(KnownHostsEntry entry) => $"{entry.Source ?? "known_hosts"}:{entry.LineNumber}";
}
