namespace Teleport.Ssh.Connection;

/// <summary>
/// The addresses in a direct-tcpip or forwarded-tcpip open (RFC 4254 §7.1, §7.2): where to connect
/// (or where the connection arrived) and who originated it.
/// </summary>
public readonly record struct TcpIpChannelInfo(string Host, uint Port, string OriginatorAddress, uint OriginatorPort)
{
    public static TcpIpChannelInfo Read(ReadOnlySpan<byte> data)
    {
        var reader = new SshDataReader(data);
        string host = reader.ReadString(1024);
        uint port = reader.ReadUInt32();
        string originator = reader.ReadString(1024);
        uint originatorPort = reader.ReadUInt32();
        if (port > 65535 || originatorPort > 65535)
        {
            throw new SshProtocolException("port number out of range");
        }

        return new TcpIpChannelInfo(host, port, originator, originatorPort);
    }

    internal void WriteTo(SshDataWriter writer)
    {
        writer.WriteString(Host);
        writer.WriteUInt32(Port);
        writer.WriteString(OriginatorAddress);
        writer.WriteUInt32(OriginatorPort);
    }
}
