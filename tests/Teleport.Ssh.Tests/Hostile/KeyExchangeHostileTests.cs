using Teleport.Ssh.Messages.Transport;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Tests.Hostile;

/// <summary>
/// Messages out of order before the first key exchange completes, sent in cleartext: the server
/// must refuse each with SSH_MSG_DISCONNECT and the reason RFC 4253 §11.1 (or OpenSSH's strict KEX,
/// PROTOCOL §1.9) gives, then close.
/// </summary>
[Collection(HostileServerCollection.Name)]
public sealed class KeyExchangeHostileTests(HostileServerFixture server)
{
    public static TheoryData<string, byte[][], DisconnectReason> OutOfOrder()
    {
        byte[] kexInit = HostileMessages.KexInit();
        byte[] strictKexInit = HostileMessages.KexInit(strict: true);
        byte[] x25519Init = HostileMessages.Build(MessageNumber.KexEcdhInit, w => w.WriteString([.. Enumerable.Range(9, 32).Select(i => (byte)i)]));
        return new()
        {
            { "CHANNEL_OPEN before the key exchange", [HostileMessages.ChannelOpen("session", 0)], DisconnectReason.ProtocolError },
            { "SERVICE_REQUEST ssh-connection before the key exchange", [HostileMessages.ServiceRequest("ssh-connection")], DisconnectReason.ProtocolError },
            { "SERVICE_REQUEST ssh-userauth before the key exchange", [HostileMessages.ServiceRequest("ssh-userauth")], DisconnectReason.ProtocolError },
            { "USERAUTH_REQUEST before the key exchange", [HostileMessages.UserAuthNone("root")], DisconnectReason.ProtocolError },
            { "an unknown message number before the key exchange", [[200, 1, 2, 3]], DisconnectReason.ProtocolError },
            { "NEWKEYS before KEXINIT", [HostileMessages.Build(MessageNumber.NewKeys)], DisconnectReason.ProtocolError },
            { "NEWKEYS right after KEXINIT", [kexInit, HostileMessages.Build(MessageNumber.NewKeys)], DisconnectReason.ProtocolError },
            { "KEX_ECDH_INIT before KEXINIT", [x25519Init], DisconnectReason.ProtocolError },
            { "a second KEXINIT mid-exchange", [kexInit, kexInit], DisconnectReason.ProtocolError },
            { "a second KEXINIT mid-exchange, strict", [strictKexInit, strictKexInit], DisconnectReason.ProtocolError },
            { "KEX_ECDH_REPLY from the client", [kexInit, HostileMessages.Build(MessageNumber.KexEcdhReply, w => w.WriteString(new byte[32]))], DisconnectReason.ProtocolError },
            { "a truncated KEXINIT", [kexInit[..40]], DisconnectReason.ProtocolError },
            { "a KEXINIT with a space in an algorithm name", [KexInitWith(kex: ["curve25519 sha256"])], DisconnectReason.ProtocolError },
            { "SERVICE_REQUEST mid-exchange", [kexInit, HostileMessages.ServiceRequest("ssh-userauth")], DisconnectReason.ProtocolError },
            { "IGNORE mid-exchange under strict KEX", [strictKexInit, HostileMessages.Build(MessageNumber.Ignore, w => w.WriteString("x"))], DisconnectReason.KeyExchangeFailed },
            { "IGNORE before a strict KEXINIT", [HostileMessages.Build(MessageNumber.Ignore, w => w.WriteString("x")), strictKexInit], DisconnectReason.KeyExchangeFailed },
            { "no cipher in common", [KexInitWith(ciphers: ["aes128-cbc"])], DisconnectReason.KeyExchangeFailed },
            { "no key exchange in common", [KexInitWith(kex: ["diffie-hellman-group1-sha1"])], DisconnectReason.KeyExchangeFailed },
            { "only pseudo-algorithms for key exchange", [KexInitWith(kex: [AlgorithmNames.ExtInfoClient, AlgorithmNames.KexStrictClient])], DisconnectReason.KeyExchangeFailed },
            { "no host key algorithm in common", [KexInitWith(hostKeys: ["ssh-dss"])], DisconnectReason.KeyExchangeFailed },
            { "an X25519 value of 5 bytes", [kexInit, HostileMessages.Build(MessageNumber.KexEcdhInit, w => w.WriteString([1, 2, 3, 4, 5]))], DisconnectReason.KeyExchangeFailed },
            { "an X25519 value of zeros (low order point)", [kexInit, HostileMessages.Build(MessageNumber.KexEcdhInit, w => w.WriteString(new byte[32]))], DisconnectReason.KeyExchangeFailed },
            { "a KEX_ECDH_INIT cut short", [kexInit, HostileMessages.Build(MessageNumber.KexEcdhInit, w => w.WriteUInt32(32))], DisconnectReason.ProtocolError },
        };
    }

    [Theory]
    [MemberData(nameof(OutOfOrder))]
    public async Task Messages_out_of_order_before_NEWKEYS_are_refused_with_the_right_reason(string what, byte[][] payloads, DisconnectReason reason)
    {
        using (RawSshPeer peer = await RawSshPeer.ConnectAsync(server.EndPoint))
        {
            await peer.SendAsync(HostileMessages.VersionLine());
            foreach (byte[] payload in payloads)
            {
                await peer.SendPacketAsync(payload);
            }

            await peer.ReadServerGreetingAsync();
            string description = await peer.ExpectDisconnectAsync(reason);
            Assert.False(string.IsNullOrEmpty(description), what);
        }

        await server.AssertServesWellBehavedClientAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_DISCONNECT_from_the_client_is_answered_with_a_close(bool duringStrictKeyExchange)
    {
        using (RawSshPeer peer = await RawSshPeer.ConnectAsync(server.EndPoint))
        {
            await peer.SendAsync(HostileMessages.VersionLine());
            if (duringStrictKeyExchange)
            {
                // Strict KEX makes any other message fatal, but the peer's own DISCONNECT still just ends it.
                await peer.SendPacketAsync(HostileMessages.KexInit(strict: true));
            }

            await peer.SendPacketAsync(HostileMessages.Build(MessageNumber.Disconnect, w =>
            {
                w.WriteUInt32((uint)DisconnectReason.ByApplication);
                w.WriteString("bye");
                w.WriteString(string.Empty);
            }));
            Assert.StartsWith("SSH-2.0-", await peer.ReadIdentificationAsync(), StringComparison.Ordinal);

            // The server may have closed before its KEXINIT left; it must say nothing else.
            byte[]? packet = await peer.ReadPacketAsync();
            if (packet is not null)
            {
                Assert.Equal((byte)MessageNumber.KexInit, packet[0]);
                await peer.ExpectCloseAsync();
            }
        }

        await server.AssertServesWellBehavedClientAsync();
    }

    private static byte[] KexInitWith(string[]? kex = null, string[]? hostKeys = null, string[]? ciphers = null)
    {
        using SshWriter writer = new KexInitMessage
        {
            KexAlgorithms = kex ?? [AlgorithmNames.Curve25519Sha256],
            ServerHostKeyAlgorithms = hostKeys ?? [AlgorithmNames.Ed25519],
            EncryptionClientToServer = ciphers ?? [AlgorithmNames.ChaCha20Poly1305],
            EncryptionServerToClient = ciphers ?? [AlgorithmNames.ChaCha20Poly1305],
            MacClientToServer = [AlgorithmNames.HmacSha256Etm],
            MacServerToClient = [AlgorithmNames.HmacSha256Etm],
        }.Write();
        return writer.ToArray();
    }
}
