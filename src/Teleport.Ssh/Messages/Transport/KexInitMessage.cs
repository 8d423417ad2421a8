using System.Security.Cryptography;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Messages.Transport;

/// <summary>SSH_MSG_KEXINIT (RFC 4253 §7.1).</summary>
internal sealed class KexInitMessage
{
    public required string[] KexAlgorithms { get; init; }

    public required string[] ServerHostKeyAlgorithms { get; init; }

    public required string[] EncryptionClientToServer { get; init; }

    public required string[] EncryptionServerToClient { get; init; }

    public required string[] MacClientToServer { get; init; }

    public required string[] MacServerToClient { get; init; }

    public string[] CompressionClientToServer { get; init; } = [AlgorithmNames.CompressionNone];

    public string[] CompressionServerToClient { get; init; } = [AlgorithmNames.CompressionNone];

    public bool FirstKexPacketFollows { get; init; }

    public static KexInitMessage Read(ReadOnlySpan<byte> payload)
    {
        var reader = new SshReader(payload);
        reader.ReadMessageNumber();
        reader.ReadBytes(16); // cookie
        string[] kex = reader.ReadNameList();
        string[] hostKey = reader.ReadNameList();
        string[] encryptionClientToServer = reader.ReadNameList();
        string[] encryptionServerToClient = reader.ReadNameList();
        string[] macClientToServer = reader.ReadNameList();
        string[] macServerToClient = reader.ReadNameList();
        string[] compressionClientToServer = reader.ReadNameList();
        string[] compressionServerToClient = reader.ReadNameList();
        reader.ReadNameList(); // languages client to server
        reader.ReadNameList(); // languages server to client
        bool follows = reader.ReadBoolean();
        reader.ReadUInt32(); // reserved
        return new KexInitMessage
        {
            KexAlgorithms = kex,
            ServerHostKeyAlgorithms = hostKey,
            EncryptionClientToServer = encryptionClientToServer,
            EncryptionServerToClient = encryptionServerToClient,
            MacClientToServer = macClientToServer,
            MacServerToClient = macServerToClient,
            CompressionClientToServer = compressionClientToServer,
            CompressionServerToClient = compressionServerToClient,
            FirstKexPacketFollows = follows,
        };
    }

    public SshWriter Write()
    {
        SshWriter writer = SshWriter.ForPacket(MessageNumber.KexInit, 1024);
        RandomNumberGenerator.Fill(writer.GetSpan(16));
        writer.WriteNameList(KexAlgorithms);
        writer.WriteNameList(ServerHostKeyAlgorithms);
        writer.WriteNameList(EncryptionClientToServer);
        writer.WriteNameList(EncryptionServerToClient);
        writer.WriteNameList(MacClientToServer);
        writer.WriteNameList(MacServerToClient);
        writer.WriteNameList(CompressionClientToServer);
        writer.WriteNameList(CompressionServerToClient);
        writer.WriteNameList([]);
        writer.WriteNameList([]);
        writer.WriteBoolean(FirstKexPacketFollows);
        writer.WriteUInt32(0);
        return writer;
    }
}
