namespace Teleport.Ssh.Sftp;

/// <summary>The OpenSSH extensions we serve (PROTOCOL §4), with the versions they are advertised at.</summary>
internal static class SftpExtensionNames
{
    public const string PosixRename = "posix-rename@openssh.com";
    public const string Statvfs = "statvfs@openssh.com";
    public const string Fstatvfs = "fstatvfs@openssh.com";
    public const string Hardlink = "hardlink@openssh.com";
    public const string Fsync = "fsync@openssh.com";
    public const string Lsetstat = "lsetstat@openssh.com";
    public const string Limits = "limits@openssh.com";
    public const string ExpandPath = "expand-path@openssh.com";
    public const string CopyData = "copy-data";
    public const string HomeDirectory = "home-directory";

    /// <summary>In SSH_FXP_VERSION's order; statvfs is version 2, the others 1 (PROTOCOL §4.2).</summary>
    public static readonly (string Name, string Version)[] Advertised =
    [
        (PosixRename, "1"),
        (Statvfs, "2"),
        (Fstatvfs, "2"),
        (Hardlink, "1"),
        (Fsync, "1"),
        (Lsetstat, "1"),
        (Limits, "1"),
        (ExpandPath, "1"),
        (CopyData, "1"),
        (HomeDirectory, "1"),
    ];
}
