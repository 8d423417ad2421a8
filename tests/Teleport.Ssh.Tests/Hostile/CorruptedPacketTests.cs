using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Tests.Hostile;

/// <summary>
/// One bit flipped on the wire after a real key exchange, under every cipher the server speaks:
/// the packet fails authentication (RFC 4253 §6.4, RFC 5647 §7.3, OpenSSH PROTOCOL.chacha20poly1305),
/// and the server answers with an encrypted SSH_MSG_DISCONNECT carrying MAC_ERROR, then closes.
/// </summary>
[Collection(HostileServerCollection.Name)]
public sealed class CorruptedPacketTests(HostileServerFixture server)
{
    public static TheoryData<string, string, long, byte> Flips()
    {
        var data = new TheoryData<string, string, long, byte>();
        (string Cipher, string Mac)[] suites =
        [
            (AlgorithmNames.ChaCha20Poly1305, AlgorithmNames.HmacSha256Etm),
            (AlgorithmNames.Aes128Gcm, AlgorithmNames.HmacSha256Etm),
            (AlgorithmNames.Aes256Gcm, AlgorithmNames.HmacSha256Etm),
            (AlgorithmNames.Aes128Ctr, AlgorithmNames.HmacSha256Etm),
            (AlgorithmNames.Aes256Ctr, AlgorithmNames.HmacSha512Etm),
        ];
        foreach ((string cipher, string mac) in suites)
        {
            // The top bit of packet_length (a length no packet may have), a bit of the encrypted
            // body, and a bit of the MAC or tag.
            data.Add(cipher, mac, 0, 0x80);
            data.Add(cipher, mac, 6, 0x04);
            data.Add(cipher, mac, -1, 0x01);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Flips))]
    public async Task A_flipped_bit_after_the_key_exchange_is_a_MAC_error(string cipher, string mac, long offset, byte mask)
    {
        var algorithms = new SshAlgorithms { Ciphers = [cipher], Macs = [mac] };
        await using (LibraryClientTransport client = await LibraryClientTransport.ConnectAsync(server.EndPoint, server.HostKey, algorithms))
        {
            Assert.Equal(cipher, client.Transport.Algorithms!.CipherClientToServer.Name);

            // A round trip first: the handshake may return before our NEWKEYS left, and that must not be the packet damaged.
            client.Send(HostileMessages.ServiceRequest("ssh-userauth"));
            Assert.Equal((byte)MessageNumber.ServiceAccept, (await client.ReceiveAsync())[0]);
            client.Wire.FlipInNextWrite(offset, mask);
            client.Send(HostileMessages.UserAuthNone(HostileServerFixture.UserName));
            await client.ExpectDisconnectAsync(DisconnectReason.MacError);
        }

        await server.AssertServesWellBehavedClientAsync();
    }
}
