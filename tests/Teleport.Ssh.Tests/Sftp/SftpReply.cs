using System.Buffers.Binary;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Tests.Sftp;

/// <summary>One packet the server sent: its type, request id (0 for VERSION) and body after the id.</summary>
internal sealed record SftpReply(byte Type, uint Id, byte[] Body)
{
    public const byte Version = 2;
    public const byte Status = 101;
    public const byte Handle = 102;
    public const byte Data = 103;
    public const byte Name = 104;
    public const byte Attrs = 105;
    public const byte ExtendedReply = 201;

    public uint StatusCode => Type == Status ? BinaryPrimitives.ReadUInt32BigEndian(Body) : throw new InvalidOperationException($"reply type {Type} is not a status");

    public string StatusMessage
    {
        get
        {
            var reader = new SshReader(Body.AsSpan(4));
            return reader.ReadUtf8();
        }
    }

    /// <summary>The string a HANDLE or DATA reply carries.</summary>
    public byte[] String
    {
        get
        {
            var reader = new SshReader(Body);
            return reader.ReadString().ToArray();
        }
    }

    public static List<SftpReply> Split(byte[] output)
    {
        var replies = new List<SftpReply>();
        int position = 0;
        while (position < output.Length)
        {
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(output.AsSpan(position));
            byte type = output[position + 4];
            ReadOnlySpan<byte> rest = output.AsSpan(position + 5, length - 1);
            replies.Add(type == Version
                ? new SftpReply(type, 0, rest.ToArray())
                : new SftpReply(type, BinaryPrimitives.ReadUInt32BigEndian(rest), rest[4..].ToArray()));
            position += 4 + length;
        }

        return replies;
    }
}
