using System.Buffers.Binary;
using System.Text;
using Teleport.Ssh;
using Teleport.Ssh.Connection;

namespace Teleport.Api.ReverseTunnel;

/// <summary>
/// The extra data of a <c>teleport-transport</c> channel open on a reverse tunnel (docs/tunnels.md):
/// <c>string target</c>, <c>string client address</c>, both in the RFC 4251 §5 string encoding.
/// The proxy opens one to a node for each SSH connection it routes there (target: the node, client:
/// the user's address, so the node audits where the user came from); a node opens one to the
/// proxy with target <see cref="RemoteAuthServer"/> to reach the Auth API.
/// </summary>
public sealed record TransportRequest(string Target, string ClientAddress)
{
    /// <summary>The channel type, as Teleport names it.</summary>
    public const string ChannelType = "teleport-transport";

    /// <summary>The target that asks the proxy for a byte stream to the Auth API.</summary>
    public const string RemoteAuthServer = "@remote-auth-server";

    private const int MaxFieldBytes = 1024;

    public byte[] Write()
    {
        byte[] target = Encoding.UTF8.GetBytes(Target);
        byte[] client = Encoding.UTF8.GetBytes(ClientAddress);
        byte[] data = new byte[8 + target.Length + client.Length];
        BinaryPrimitives.WriteUInt32BigEndian(data, (uint)target.Length);
        target.CopyTo(data.AsSpan(4));
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(4 + target.Length), (uint)client.Length);
        client.CopyTo(data.AsSpan(8 + target.Length));
        return data;
    }

    /// <summary>Reads the extra data of a channel open; null when it is malformed (the channel is then refused).</summary>
    public static TransportRequest? Read(ReadOnlySpan<byte> data)
    {
        try
        {
            var reader = new SshDataReader(data);
            string target = reader.ReadString(MaxFieldBytes);
            string client = reader.IsAtEnd ? string.Empty : reader.ReadString(MaxFieldBytes);
            return new TransportRequest(target, client);
        }
        catch (SshException)
        {
            return null;
        }
    }
}
