using System.Buffers.Binary;
using Teleport.Ssh.Messages.Transport;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Tests.Hostile;

/// <summary>Payloads and cleartext packets, well-formed or not, as a hostile peer builds them.</summary>
internal static class HostileMessages
{
    public const string ClientVersion = "SSH-2.0-HostileTest_1.0";

    /// <summary>A payload: the message number, then what <paramref name="write"/> adds.</summary>
    public static byte[] Build(MessageNumber number, Action<SshWriter>? write = null)
    {
        using SshWriter writer = SshWriter.ForPacket(number);
        write?.Invoke(writer);
        return writer.ToArray();
    }

    /// <summary>A packet for the library to send, holding <paramref name="payload"/> whatever it is.</summary>
    public static SshWriter ToPacket(ReadOnlySpan<byte> payload)
    {
        SshWriter packet = SshWriter.ForPacket((MessageNumber)payload[0], payload.Length);
        packet.WriteRaw(payload[1..]);
        return packet;
    }

    /// <summary>
    /// A client KEXINIT the server can agree with (curve25519, ChaCha20-Poly1305, Ed25519 host
    /// keys); <paramref name="strict"/> adds OpenSSH's strict KEX marker (PROTOCOL §1.9).
    /// </summary>
    public static byte[] KexInit(bool strict = false, string cipher = AlgorithmNames.ChaCha20Poly1305)
    {
        using SshWriter writer = new KexInitMessage
        {
            KexAlgorithms = strict ? [AlgorithmNames.Curve25519Sha256, AlgorithmNames.KexStrictClient] : [AlgorithmNames.Curve25519Sha256],
            ServerHostKeyAlgorithms = [AlgorithmNames.Ed25519],
            EncryptionClientToServer = [cipher],
            EncryptionServerToClient = [cipher],
            MacClientToServer = [AlgorithmNames.HmacSha256Etm],
            MacServerToClient = [AlgorithmNames.HmacSha256Etm],
        }.Write();
        return writer.ToArray();
    }

    public static byte[] ServiceRequest(string service) => Build(MessageNumber.ServiceRequest, w => w.WriteString(service));

    public static byte[] UserAuthNone(string user, string service = "ssh-connection") => Build(MessageNumber.UserAuthRequest, w =>
    {
        w.WriteString(user);
        w.WriteString(service);
        w.WriteString("none");
    });

    public static byte[] UserAuthPassword(string user, string password) => Build(MessageNumber.UserAuthRequest, w =>
    {
        w.WriteString(user);
        w.WriteString("ssh-connection");
        w.WriteString("password");
        w.WriteBoolean(false);
        w.WriteString(password);
    });

    public static byte[] ChannelOpen(string type, uint sender, uint window = 2 * 1024 * 1024, uint maxPacket = 32 * 1024, Action<SshWriter>? extra = null) =>
        Build(MessageNumber.ChannelOpen, w =>
        {
            w.WriteString(type);
            w.WriteUInt32(sender);
            w.WriteUInt32(window);
            w.WriteUInt32(maxPacket);
            extra?.Invoke(w);
        });

    public static byte[] ChannelData(uint recipient, ReadOnlySpan<byte> data)
    {
        using SshWriter writer = SshWriter.ForPacket(MessageNumber.ChannelData, data.Length + 16);
        writer.WriteUInt32(recipient);
        writer.WriteString(data);
        return writer.ToArray();
    }

    public static byte[] ChannelRequest(uint recipient, string type, bool wantReply, Action<SshWriter>? data = null) =>
        Build(MessageNumber.ChannelRequest, w =>
        {
            w.WriteUInt32(recipient);
            w.WriteString(type);
            w.WriteBoolean(wantReply);
            data?.Invoke(w);
        });

    public static byte[] GlobalRequest(string name, bool wantReply, Action<SshWriter>? data = null) =>
        Build(MessageNumber.GlobalRequest, w =>
        {
            w.WriteString(name);
            w.WriteBoolean(wantReply);
            data?.Invoke(w);
        });

    /// <summary>
    /// A cleartext binary packet (RFC 4253 §6, block size 8): packet_length, padding_length,
    /// payload, zero padding. <paramref name="paddingLength"/> overrides the padding byte only.
    /// </summary>
    public static byte[] Frame(ReadOnlySpan<byte> payload, byte? paddingLength = null)
    {
        int padding = 8 - ((5 + payload.Length) % 8);
        if (padding < 4)
        {
            padding += 8;
        }

        int packetLength = 1 + payload.Length + padding;
        byte[] packet = new byte[4 + packetLength];
        BinaryPrimitives.WriteUInt32BigEndian(packet, (uint)packetLength);
        packet[4] = paddingLength ?? (byte)padding;
        payload.CopyTo(packet.AsSpan(5));
        return packet;
    }

    /// <summary>A packet header claiming <paramref name="packetLength"/>, with <paramref name="bodyBytes"/> bytes of body after it.</summary>
    public static byte[] Header(uint packetLength, int bodyBytes = 12)
    {
        byte[] bytes = new byte[4 + bodyBytes];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, packetLength);
        if (bodyBytes > 0)
        {
            bytes[4] = 4;
        }

        return bytes;
    }

    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(part => part)];

    public static byte[] VersionLine(string version = ClientVersion) => System.Text.Encoding.ASCII.GetBytes(version + "\r\n");
}
