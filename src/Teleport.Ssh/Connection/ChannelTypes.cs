namespace Teleport.Ssh.Connection;

/// <summary>Channel type names (RFC 4254 §6.1, §7.2; OpenSSH PROTOCOL.agent).</summary>
public static class ChannelTypes
{
    public const string Session = "session";
    public const string DirectTcpIp = "direct-tcpip";
    public const string ForwardedTcpIp = "forwarded-tcpip";
    public const string AuthAgent = "auth-agent@openssh.com";
    public const string X11 = "x11";
}
