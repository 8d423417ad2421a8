using System.Buffers.Binary;
using Teleport.Ssh.Agent;
using Teleport.Ssh.Keys;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Tests.Agent;

/// <summary>
/// Random and mutated requests fed straight to the server's dispatcher, and random byte streams to
/// its connection loop: nothing but <see cref="SshProtocolException"/> may come out, and no request
/// may make the server allocate more than a small multiple of its own size (a hostile length field
/// would show as megabytes).
/// </summary>
public sealed class AgentRequestFuzzTests
{
    private const int Iterations = 100_000;
    private static readonly uint[] InterestingLengths = [0, 1, 3, 4, 31, 32, 33, 64, 0x7f, 0x80, 0xff, 0x100, 0x3ffff, 0x40000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];

    [Fact]
    public async Task Dispatch_survives_a_hundred_thousand_random_and_mutated_requests()
    {
        var random = new Random(0x5eed);
        byte[][] seeds = Seeds();
        await using var server = new SshAgentServer();
        int answered = 0;
        int refusedAsMalformed = 0;
        for (int i = 0; i < Iterations; i++)
        {
            if (i % 500 == 0)
            {
                ResetKeyring(server);
            }

            byte[] message = random.Next(20) == 0 ? RandomMessage(random) : Mutate(random, seeds);
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                using SshWriter reply = await server.DispatchAsync(message, CancellationToken.None);
                Assert.True(reply.Length >= 5);
                answered++;
            }
            catch (SshProtocolException)
            {
                refusedAsMalformed++;
            }
            catch (Exception e)
            {
                Assert.Fail($"iteration {i}: {e.GetType().Name} for {Convert.ToHexString(message)}\n{e}");
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < AllocationLimit(message), $"iteration {i}: {allocated} bytes allocated for a {message.Length}-byte request {Convert.ToHexString(message)}");
        }

        // Both outcomes must be common, or the mutations are too weak or too strong to explore.
        Assert.True(answered > Iterations / 10, $"{answered} answered");
        Assert.True(refusedAsMalformed > Iterations / 10, $"{refusedAsMalformed} malformed");
    }

    [Fact]
    public async Task The_connection_loop_survives_random_streams_of_frames()
    {
        var random = new Random(0xf4a3e);
        byte[][] seeds = Seeds();
        await using var server = new SshAgentServer();
        for (int i = 0; i < 2_000; i++)
        {
            using var input = new MemoryStream();
            int frames = random.Next(1, 6);
            for (int f = 0; f < frames; f++)
            {
                byte[] frame = AgentMessages.Frame(random.Next(3) == 0 ? seeds[random.Next(seeds.Length)] : Mutate(random, seeds));
                if (random.Next(4) == 0)
                {
                    // Damage the framing itself: the length, or where the stream ends.
                    frame = random.Next(2) == 0 ? frame[..random.Next(frame.Length + 1)] : OverwriteLength(random, frame, 0);
                }

                input.Write(frame);
            }

            (DuplexPipeStream peer, DuplexPipeStream serverEnd) = DuplexPipeStream.CreatePair();
            Task serving = server.ServeAsync(serverEnd);
            await peer.WriteAsync(input.ToArray());
            peer.Dispose();
            await serving.WaitAsync(TimeSpan.FromSeconds(20));
        }
    }

    [Fact]
    public void The_client_reply_parser_survives_mutated_identity_answers()
    {
        var random = new Random(0xc11e);
        byte[] answer = AgentMessages.Build(12, w =>
        {
            w.WriteUInt32(3);
            foreach (string keyType in new[] { AlgorithmNames.Ed25519, AlgorithmNames.Rsa, AlgorithmNames.EcdsaNistp256 })
            {
                w.WriteString(AgentTestKeys.Get(keyType).PublicKey.Blob);
                w.WriteString(keyType);
            }
        })[1..];
        byte[][] seeds = [answer];
        for (int i = 0; i < 20_000; i++)
        {
            byte[] mutated = Mutate(random, seeds);
            try
            {
                var reader = new SshReader(mutated);
                Assert.True(AgentIdentitiesAnswer.Read(ref reader).Count <= 3);
            }
            catch (SshProtocolException)
            {
            }
        }
    }

    /// <summary>Key parsing and replies cost a few kilobytes; only an unchecked length could cost more.</summary>
    private static long AllocationLimit(byte[] message) => (64 * 1024) + (16L * message.Length);

    private static void ResetKeyring(SshAgentServer server)
    {
        using SshWriter _ = server.DispatchAsync(new byte[] { AgentMessages.RemoveAllIdentities }, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        server.AddIdentity(AgentTestKeys.Get(AlgorithmNames.Ed25519), null, "ed25519");
        server.AddIdentity(AgentTestKeys.Get(AlgorithmNames.EcdsaNistp256), null, "ecdsa");
    }

    /// <summary>One valid request of every kind the server knows, and a few it refuses.</summary>
    private static byte[][] Seeds()
    {
        SshPrivateKey ed25519 = AgentTestKeys.Get(AlgorithmNames.Ed25519);
        SshPrivateKey ecdsa = AgentTestKeys.Get(AlgorithmNames.EcdsaNistp256);
        SshPrivateKey rsa = AgentTestKeys.Get(AlgorithmNames.Rsa);
        SshPrivateKey p384 = AgentTestKeys.Get(AlgorithmNames.EcdsaNistp384);
        byte[] data = new byte[48];
        return
        [
            [AgentMessages.RequestIdentities],
            [AgentMessages.RemoveAllIdentities],
            [200],
            AgentMessages.Sign(ed25519.PublicKey, data),
            AgentMessages.Sign(ecdsa.PublicKey, data, SshAgentSignFlags.RsaSha2512),
            AgentMessages.Sign(ed25519.PublicKey, data, SshAgentSignFlags.RsaSha2256 | SshAgentSignFlags.RsaSha2512),
            AgentMessages.Add(ed25519),
            AgentMessages.Add(rsa),
            AgentMessages.Add(p384),
            AgentMessages.Add(ed25519, AgentTestKeys.Certify(ed25519)),
            AgentMessages.Add(rsa, AgentTestKeys.Certify(rsa)),
            AgentMessages.Add(ecdsa, AgentTestKeys.Certify(ecdsa)),
            AgentMessages.Add(ecdsa, constraints: w => { w.WriteByte(1); w.WriteUInt32(60); w.WriteByte(2); }),
            AgentMessages.Add(ed25519, constraints: w => { w.WriteByte(255); w.WriteString("restrict-destination-v00@openssh.com"); w.WriteString([1, 2]); }),
            AgentMessages.Remove(ed25519.PublicKey),
            AgentMessages.Remove(AgentTestKeys.Certify(ecdsa)),
            AgentMessages.SessionBind(),
            AgentMessages.Build(AgentMessages.Lock, w => w.WriteString("secret")),
        ];
    }

    private static byte[] RandomMessage(Random random)
    {
        byte[] message = new byte[random.Next(1, 300)];
        random.NextBytes(message);
        byte[] numbers = [11, 13, 17, 18, 19, 25, 27];
        message[0] = numbers[random.Next(numbers.Length)];
        return message;
    }

    private static byte[] Mutate(Random random, byte[][] seeds)
    {
        byte[] message = (byte[])seeds[random.Next(seeds.Length)].Clone();
        int rounds = random.Next(1, 4);
        for (int r = 0; r < rounds && message.Length > 0; r++)
        {
            int at = random.Next(message.Length);
            switch (random.Next(8))
            {
                case 0:
                    message[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    message[at] = (byte)random.Next(256);
                    break;
                case 2:
                    message = OverwriteLength(random, message, at);
                    break;
                case 3:
                    message = message[..at];
                    break;
                case 4:
                {
                    byte[] inserted = new byte[random.Next(1, 16)];
                    random.NextBytes(inserted);
                    message = [.. message[..at], .. inserted, .. message[at..]];
                    break;
                }

                case 5:
                {
                    // Splice: this message's head onto another's tail.
                    byte[] other = seeds[random.Next(seeds.Length)];
                    message = [.. message[..at], .. other[random.Next(other.Length)..]];
                    break;
                }

                case 6:
                    message[0] = seeds[random.Next(seeds.Length)][0];
                    break;
                default:
                    message = [.. message[..at], .. message[Math.Min(message.Length, at + random.Next(1, 32))..]];
                    break;
            }
        }

        return message.Length == 0 ? [AgentMessages.RequestIdentities] : message;
    }

    /// <summary>Writes an extreme or off-by-one uint32 where a length field may be.</summary>
    private static byte[] OverwriteLength(Random random, byte[] message, int at)
    {
        if (message.Length < at + 4)
        {
            return message;
        }

        uint current = BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(at));
        uint value = random.Next(3) switch
        {
            0 => current + 1,
            1 => current - 1,
            _ => InterestingLengths[random.Next(InterestingLengths.Length)],
        };
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(at), value);
        return message;
    }
}
