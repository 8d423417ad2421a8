using Teleport.Ssh.Sftp;

namespace Teleport.Commands;

/// <summary>
/// One line of <c>teleport sftp</c>'s standard error:
/// <c>{"action":"open","path":"/home/u/f","flags":26,"attributes":{"permissions":420},"error":"Permission denied"}</c>;
/// absent fields are omitted.
/// </summary>
internal sealed record SftpAuditLine(string Action, string Path, string? TargetPath, uint? Flags, SftpAttributes? Attributes, string? Error)
{
    public static SftpAuditLine From(SftpAuditRecord record) => new(
        record.Action,
        record.Path,
        record.TargetPath,
        record.Flags is { } flags ? (uint)flags : null,
        record.Attributes is { } attributes && attributes != SftpAttributes.Empty ? attributes : null,
        record.Error);
}
