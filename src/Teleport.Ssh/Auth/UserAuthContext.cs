using System.Net;

namespace Teleport.Ssh.Auth;

/// <summary>What a server authentication callback knows about the attempt.</summary>
public sealed class UserAuthContext
{
    internal UserAuthContext(string userName, EndPoint? remoteEndPoint, string clientVersion, ReadOnlyMemory<byte> sessionId)
    {
        UserName = userName;
        RemoteEndPoint = remoteEndPoint;
        ClientVersion = clientVersion;
        SessionId = sessionId;
    }

    /// <summary>The login the client asked for.</summary>
    public string UserName { get; }

    public EndPoint? RemoteEndPoint { get; }

    /// <summary>The client's identification string, such as <c>SSH-2.0-OpenSSH_9.2p1 Debian-2</c>.</summary>
    public string ClientVersion { get; }

    public ReadOnlyMemory<byte> SessionId { get; }

    /// <summary>The client's IP address, when it came over IP.</summary>
    public IPAddress? RemoteAddress => (RemoteEndPoint as IPEndPoint)?.Address;
}
