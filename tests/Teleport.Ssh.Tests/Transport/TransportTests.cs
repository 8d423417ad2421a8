using Teleport.Ssh.Keys;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Tests.Transport;

public sealed class TransportTests
{
    public static TheoryData<string, string, string> Combinations()
    {
        var data = new TheoryData<string, string, string>();
        foreach (string kex in SshAlgorithms.SupportedKeyExchange)
        {
            data.Add(kex, AlgorithmNames.ChaCha20Poly1305, AlgorithmNames.Ed25519);
        }

        foreach (string cipher in SshAlgorithms.SupportedCiphers.Skip(1))
        {
            data.Add(AlgorithmNames.Curve25519Sha256, cipher, AlgorithmNames.Ed25519);
        }

        data.Add(AlgorithmNames.Curve25519Sha256, AlgorithmNames.Aes128Gcm, AlgorithmNames.Rsa);
        data.Add(AlgorithmNames.Curve25519Sha256, AlgorithmNames.Aes128Gcm, AlgorithmNames.EcdsaNistp384);
        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task Both_sides_agree_and_exchange_messages(string kex, string cipher, string hostKeyType)
    {
        using SshPrivateKey hostKey = SshPrivateKey.Generate(hostKeyType, rsaBits: 2048);
        var algorithms = new SshAlgorithms { KeyExchange = [kex], Ciphers = [cipher] };
        await using TransportPair pair = await TransportPair.ConnectAsync(hostKey, algorithms, algorithms);

        Assert.Equal(kex, pair.Client.Algorithms!.KeyExchange.Name);
        Assert.Equal(cipher, pair.Server.Algorithms!.CipherServerToClient.Name);
        Assert.Equal(pair.Client.SessionId.ToArray(), pair.Server.SessionId.ToArray());

        for (int size = 0; size < 40_000; size += 7919)
        {
            SshWriter message = SshWriter.ForPacket(MessageNumber.ChannelData, size + 16);
            message.WriteString(new byte[size]);
            await pair.Client.SendAsync(message, CancellationToken.None);
            ReadOnlyMemory<byte> received = await pair.Server.ReceiveAsync(CancellationToken.None);
            Assert.Equal((byte)MessageNumber.ChannelData, received.Span[0]);
            Assert.Equal(size + 5, received.Length);
        }
    }

    [Fact]
    public async Task Rekeying_after_the_byte_limit_keeps_the_conversation_going()
    {
        using SshPrivateKey hostKey = SshPrivateKey.Generate();
        await using TransportPair pair = await TransportPair.ConnectAsync(hostKey, rekeyAfterBytes: 100_000);
        byte[] sessionId = pair.Client.SessionId.ToArray();

        // Messages flow both ways while the client's sending crosses the limit several times.
        Task serverSide = Task.Run(async () =>
        {
            for (int i = 0; i < 200; i++)
            {
                ReadOnlyMemory<byte> received = await pair.Server.ReceiveAsync(CancellationToken.None);
                Assert.Equal(i % 256, received.Span[1]);
                SshWriter echo = SshWriter.ForPacket(MessageNumber.ChannelData);
                echo.WriteByte((byte)i);
                pair.Server.Send(echo);
            }
        });
        for (int i = 0; i < 200; i++)
        {
            SshWriter message = SshWriter.ForPacket(MessageNumber.ChannelData, 4000);
            message.WriteByte((byte)i);
            message.GetSpan(3000);
            await pair.Client.SendAsync(message, CancellationToken.None);
            ReadOnlyMemory<byte> echo = await pair.Client.ReceiveAsync(CancellationToken.None);
            Assert.Equal(i % 256, echo.Span[1]);
        }

        await serverSide;
        Assert.Equal(sessionId, pair.Server.SessionId.ToArray());
    }

    [Fact]
    public async Task An_untrusted_host_key_ends_the_handshake()
    {
        using SshPrivateKey hostKey = SshPrivateKey.Generate();
        using SshPrivateKey otherKey = SshPrivateKey.Generate();
        var signer = new SwappedKey(otherKey, hostKey);
        var error = await Assert.ThrowsAnyAsync<SshConnectionException>(() => TransportPair.ConnectAsync(signer));
        Assert.Equal(DisconnectReason.HostKeyNotVerifiable, error.Reason);
    }

    [Fact]
    public async Task No_common_cipher_is_a_key_exchange_failure()
    {
        using SshPrivateKey hostKey = SshPrivateKey.Generate();
        var error = await Assert.ThrowsAnyAsync<SshConnectionException>(() => TransportPair.ConnectAsync(
            hostKey,
            new SshAlgorithms { Ciphers = [AlgorithmNames.Aes128Gcm] },
            new SshAlgorithms { Ciphers = [AlgorithmNames.Aes256Gcm] }));
        Assert.Contains("no matching", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Presents one key's public half but signs with another's: the client must refuse it.</summary>
    private sealed class SwappedKey(SshPrivateKey presented, SshPrivateKey signing) : ISshSigner
    {
        public SshPublicKey PublicKey => presented.PublicKey;

        public ValueTask<byte[]> SignAsync(string signatureAlgorithm, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
            signing.SignAsync(signatureAlgorithm, data, cancellationToken);
    }
}
