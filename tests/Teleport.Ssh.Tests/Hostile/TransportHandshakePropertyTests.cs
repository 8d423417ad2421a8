using System.Diagnostics;
using Teleport.Ssh.Crypto.KeyExchange;
using Teleport.Ssh.Keys;
using Teleport.Ssh.Messages.Transport;
using Teleport.Ssh.Tests.Keys;
using Teleport.Ssh.Transport;
using Teleport.Ssh.Wire;
using Xunit.Abstractions;

namespace Teleport.Ssh.Tests.Hostile;

/// <summary>
/// 5 000 whole server handshakes over an in-memory stream: a client's identification, KEXINIT, key
/// exchange value and NEWKEYS, as bytes, damaged by seeded mutations. Every run must end in an
/// <see cref="SshConnectionException"/> (or complete), never another exception, never hang, and
/// the receive buffer must never outgrow the bytes actually sent.
/// </summary>
[Collection(ParserPropertyCollection.Name)]
public sealed class TransportHandshakePropertyTests(ITestOutputHelper output) : IDisposable
{
    private const int Runs = 5_000;
    private const int InitialReceiveBuffer = 16 * 1024;

    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(10);

    private readonly SshPrivateKey _hostKey = SshPrivateKey.Generate();

    [Fact]
    public async Task Damaged_handshakes_end_in_SshConnectionException_without_hanging_or_overallocating()
    {
        (byte[] Input, int Weight)[] seeds = Seeds();
        for (int i = 0; i < seeds.Length; i++)
        {
            // Unharmed, each seed completes the key exchange, so the mutations reach every step of it.
            Assert.Null(await RunAsync(seeds[i].Input, seed: i, expectCompletion: true));
        }

        var mutator = new Mutator(seed: 4253);
        var stopwatch = Stopwatch.StartNew();
        for (int run = 0; run < Runs; run++)
        {
            byte[] input = mutator.Mutate(mutator.Pick<byte[]>(seeds));
            if (await RunAsync(input, seed: run, expectCompletion: false) is string failure)
            {
                Assert.Fail($"run {run}: {failure}\ninput: {Convert.ToHexString(input)}");
            }
        }

        output.WriteLine($"{Runs} handshakes in {stopwatch.Elapsed.TotalSeconds:F1} s");
        EscapedExceptionMonitor.Instance.AssertNoneEscaped();
    }

    public void Dispose() => _hostKey.Dispose();

    /// <summary>Runs one server handshake over <paramref name="input"/>; returns what went wrong, or null.</summary>
    private async Task<string?> RunAsync(byte[] input, int seed, bool expectCompletion)
    {
        var transport = new SshTransport(new ScriptedInputStream(input, seed), new TransportSettings
        {
            IsServer = true,
            HostKeys = [_hostKey],
            Algorithms = new SshAlgorithms
            {
                KeyExchange = [.. SshAlgorithms.SupportedKeyExchange],
                Ciphers = [.. SshAlgorithms.SupportedCiphers],
                Macs = [.. SshAlgorithms.SupportedMacs],
            },
        });
        string? failure = null;
        try
        {
            await transport.HandshakeAsync(CancellationToken.None).WaitAsync(HangLimit);
        }
        catch (SshConnectionException e) when (!expectCompletion)
        {
            _ = e.Reason;
        }
        catch (TimeoutException)
        {
            failure = $"the handshake hung for {HangLimit.TotalSeconds} s";
        }
        catch (Exception e)
        {
            failure = $"{e.GetType().Name}: {e.Message}\n{e.StackTrace}";
        }

        // The buffer grows only when full, doubling: never beyond twice what was sent.
        int bufferSize = transport.ReceiveBufferSize;
        await transport.DisposeAsync();
        if (failure is null && bufferSize > Math.Max(InitialReceiveBuffer, 2 * input.Length))
        {
            failure = $"a receive buffer of {bufferSize} bytes for {input.Length} bytes of input";
        }

        return failure;
    }

    /// <summary>Complete client handshakes, by weight: X25519 most, NIST ECDH and MODP DH less (they cost more).</summary>
    private static (byte[] Input, int Weight)[] Seeds() =>
    [
        (Handshake(AlgorithmNames.Curve25519Sha256, strict: true), 6),
        (Handshake(AlgorithmNames.Curve25519Sha256, strict: false, ignoreFirst: true), 3),
        (Handshake(AlgorithmNames.Curve25519Sha256, strict: false, wrongGuess: true), 2),
        (Handshake(AlgorithmNames.EcdhSha2Nistp256, strict: true), 2),
        (Handshake(AlgorithmNames.DiffieHellmanGroup14Sha256, strict: true), 1),
    ];

    private static byte[] Handshake(string kex, bool strict, bool ignoreFirst = false, bool wrongGuess = false)
    {
        KeyExchangeAlgorithm algorithm = KeyExchangeAlgorithms.Find(kex)!;
        using KeyExchangeMethod method = algorithm.Start(isServer: false);
        using SshWriter kexInit = new KexInitMessage
        {
            // A wrong guess: the client guesses a method the server lacks, so its guessed packet is skipped (RFC 4253 §7).
            KexAlgorithms = [.. wrongGuess ? ["sntrup761x25519-sha512@openssh.com"] : Array.Empty<string>(), kex, .. strict ? [AlgorithmNames.KexStrictClient] : Array.Empty<string>()],
            ServerHostKeyAlgorithms = [AlgorithmNames.Ed25519],
            EncryptionClientToServer = [AlgorithmNames.ChaCha20Poly1305],
            EncryptionServerToClient = [AlgorithmNames.Aes128Gcm],
            MacClientToServer = [AlgorithmNames.HmacSha256Etm],
            MacServerToClient = [AlgorithmNames.HmacSha256Etm],
            FirstKexPacketFollows = wrongGuess,
        }.Write();
        byte[] kexValue = HostileMessages.Build(MessageNumber.KexEcdhInit, w =>
        {
            if (algorithm.PublicValuesAreMpints)
            {
                w.WriteMpint(method.LocalPublicValue);
            }
            else
            {
                w.WriteString(method.LocalPublicValue);
            }
        });

        var packets = new List<byte[]> { HostileMessages.VersionLine() };
        if (ignoreFirst)
        {
            packets.Add(HostileMessages.Frame(HostileMessages.Build(MessageNumber.Ignore, w => w.WriteString("before KEXINIT"))));
        }

        packets.Add(HostileMessages.Frame(kexInit.WrittenSpan));
        if (wrongGuess)
        {
            packets.Add(HostileMessages.Frame(HostileMessages.Build(MessageNumber.KexEcdhInit, w => w.WriteString(new byte[133]))));
        }

        packets.Add(HostileMessages.Frame(kexValue));
        packets.Add(HostileMessages.Frame(HostileMessages.Build(MessageNumber.NewKeys)));
        return HostileMessages.Concat([.. packets]);
    }
}
