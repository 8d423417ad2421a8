namespace Teleport.Ssh.Sftp;

/// <summary>
/// The <see cref="SftpAuditRecord.Action"/> values: the lower-case names of Teleport's
/// <c>SFTPAction</c> enum (events.proto), which the Go node writes as numbers in its <c>sftp</c>
/// audit event (OPEN=1, SETSTAT=7, FSETSTAT=8, OPENDIR=9, REMOVE=11, MKDIR=12, RMDIR=13, RENAME=16,
/// SYMLINK=18, LINK=19).
/// </summary>
public static class SftpActions
{
    public const string Open = "open";
    public const string Setstat = "setstat";
    public const string Fsetstat = "fsetstat";
    public const string Opendir = "opendir";
    public const string Remove = "remove";
    public const string Mkdir = "mkdir";
    public const string Rmdir = "rmdir";
    public const string Rename = "rename";
    public const string Symlink = "symlink";
    public const string Link = "link";
}
