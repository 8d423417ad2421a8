namespace Teleport.Ssh.Sftp;

/// <summary>SSH_FX_* error codes of draft-ietf-secsh-filexfer-02 §7.</summary>
internal enum SftpStatusCode : uint
{
    Ok = 0,
    Eof = 1,
    NoSuchFile = 2,
    PermissionDenied = 3,
    Failure = 4,
    BadMessage = 5,
    NoConnection = 6,
    ConnectionLost = 7,
    OpUnsupported = 8,
}
