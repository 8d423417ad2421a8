namespace Teleport.Ssh.Sftp;

/// <summary>What an <see cref="SftpServer"/> needs; the limits default to OpenSSH sftp-server's.</summary>
public sealed class SftpServerOptions
{
    /// <summary>OpenSSH's SFTP_MAX_MSG_LENGTH: the largest packet either side sends.</summary>
    public const int DefaultMaxPacketLength = 256 * 1024;

    /// <summary>
    /// Where relative paths start and what "~" expands to: the user's home directory. Must be
    /// absolute.
    /// </summary>
    public string HomeDirectory { get; init; } = string.Empty;

    /// <summary>Called after each audited operation (see <see cref="SftpActions"/>); must not throw.</summary>
    public Action<SftpAuditRecord>? OnOperation { get; init; }

    /// <summary>A packet whose length field exceeds this stops the server (OpenSSH: 256 KiB).</summary>
    public int MaxPacketLength { get; init; } = DefaultMaxPacketLength;

    /// <summary>READ lengths are cut to this; reported in limits@openssh.com (OpenSSH: 255 KiB).</summary>
    public int MaxReadLength { get; init; } = DefaultMaxPacketLength - 1024;

    /// <summary>Files and directories open at once; beyond it, OPEN and OPENDIR fail.</summary>
    public int MaxOpenHandles { get; init; } = 512;

    /// <summary>Throws <see cref="SshOptionsException"/> naming the first bad field.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(HomeDirectory) || !Path.IsPathFullyQualified(HomeDirectory))
        {
            throw new SshOptionsException(nameof(HomeDirectory), $"must be an absolute path, not '{HomeDirectory}'");
        }

        if (MaxPacketLength is < 34 * 1024 or > 16 * 1024 * 1024)
        {
            throw new SshOptionsException(nameof(MaxPacketLength), "must be between 34 KiB (a 32 KiB WRITE) and 16 MiB");
        }

        if (MaxReadLength < 1 || MaxReadLength > MaxPacketLength - 1024)
        {
            throw new SshOptionsException(nameof(MaxReadLength), "must be positive and leave 1 KiB of MaxPacketLength for the reply header");
        }

        if (MaxOpenHandles is < 1 or > 65536)
        {
            throw new SshOptionsException(nameof(MaxOpenHandles), "must be between 1 and 65536");
        }
    }
}
