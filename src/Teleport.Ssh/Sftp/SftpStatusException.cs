using System.Runtime.InteropServices;

namespace Teleport.Ssh.Sftp;

/// <summary>A request failed: the status code and message go back to the client in SSH_FXP_STATUS.</summary>
internal sealed class SftpStatusException : Exception
{
    public SftpStatusException(SftpStatusCode code, string message) : base(message) => Code = code;

    public SftpStatusException() : this(SftpStatusCode.Failure, "failure") { }

    public SftpStatusException(string message) : this(SftpStatusCode.Failure, message) { }

    public SftpStatusException(string message, Exception innerException) : base(message, innerException) => Code = SftpStatusCode.Failure;

    public SftpStatusCode Code { get; }

    /// <summary>The last libc error as OpenSSH's errno_to_portable maps it, with strerror's text.</summary>
    public static SftpStatusException FromLastError() => FromErrno(Marshal.GetLastPInvokeError());

    public static SftpStatusException FromErrno(int errno)
    {
        SftpStatusCode code = errno switch
        {
            2 or 20 or 9 or 40 => SftpStatusCode.NoSuchFile, // ENOENT, ENOTDIR, EBADF, ELOOP
            1 or 13 or 14 => SftpStatusCode.PermissionDenied, // EPERM, EACCES, EFAULT
            36 or 22 => SftpStatusCode.BadMessage,          // ENAMETOOLONG, EINVAL
            38 or 95 => SftpStatusCode.OpUnsupported,       // ENOSYS, EOPNOTSUPP
            _ => SftpStatusCode.Failure,
        };
        return new SftpStatusException(code, Marshal.GetPInvokeErrorMessage(errno));
    }
}
