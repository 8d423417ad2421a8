namespace Teleport.Ssh.Sftp;

/// <summary>
/// One audited file operation, reported through <see cref="SftpServerOptions.OnOperation"/> after
/// it ran. <paramref name="Path"/> and <paramref name="TargetPath"/> are the paths the server
/// used (relative ones already joined to the home directory); <paramref name="Error"/> is null
/// when the operation succeeded.
/// </summary>
/// <param name="Action">One of <see cref="SftpActions"/>.</param>
/// <param name="Path">The file operated on; the old name of a rename; what a symlink points to
/// (verbatim, as the client sent it) or the existing file a hard link is made to.</param>
/// <param name="TargetPath">The new name of a rename; the new link of a symlink or link.</param>
/// <param name="Flags">SSH_FXP_OPEN's pflags, for opens.</param>
/// <param name="Attributes">The attributes the client asked for (open, setstat, mkdir).</param>
/// <param name="Error">Why the operation failed, as sent to the client.</param>
public sealed record SftpAuditRecord(
    string Action,
    string Path,
    string? TargetPath = null,
    SftpOpenFlags? Flags = null,
    SftpAttributes? Attributes = null,
    string? Error = null);
