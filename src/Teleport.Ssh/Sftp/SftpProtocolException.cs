namespace Teleport.Ssh.Sftp;

/// <summary>
/// The client broke the SFTP framing (a packet over the length limit, a request before
/// SSH_FXP_INIT): the server stops, as OpenSSH's sftp-server does, because nothing after it can be
/// trusted to be a packet boundary.
/// </summary>
public sealed class SftpProtocolException : SshException
{
    public SftpProtocolException() { }

    public SftpProtocolException(string message) : base(message) { }

    public SftpProtocolException(string message, Exception innerException) : base(message, innerException) { }
}
