using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Teleport.Ssh.Crypto.Ciphers;

namespace Teleport.Ssh.Benchmarks;

/// <summary>
/// Encrypting and decrypting one 32 KiB channel data packet per cipher: the per-packet cost of
/// the transport's hot path, with its payload MB/s in the last column.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Columns))]
public class PacketCodecBenchmarks
{
    private const int PayloadSize = 32 * 1024;

    private PacketCipher _encryptor = null!;
    private PacketCipher _decryptor = null!;
    private byte[] _packet = null!;
    private byte[] _sealed = null!;
    private byte[] _work = null!;
    private byte[] _mac = null!;
    private int _packetLength;

    [Params(AlgorithmNames.Aes128Gcm, AlgorithmNames.Aes256Gcm, AlgorithmNames.ChaCha20Poly1305, AlgorithmNames.Aes128Ctr)]
    public string Cipher { get; set; } = AlgorithmNames.Aes128Gcm;

    [GlobalSetup]
    public void Setup()
    {
        CipherAlgorithm cipher = CipherAlgorithm.Find(Cipher)!;
        MacAlgorithm? mac = cipher.IsAead ? null : MacAlgorithm.Find(AlgorithmNames.HmacSha256Etm);
        byte[] key = RandomNumberGenerator.GetBytes(cipher.KeySize);
        byte[] iv = RandomNumberGenerator.GetBytes(Math.Max(cipher.IvSize, 1))[..cipher.IvSize];
        byte[]? macKey = mac is null ? null : RandomNumberGenerator.GetBytes(mac.KeySize);
        _encryptor = cipher.Create(key, iv, mac, macKey);
        _decryptor = cipher.Create(key, iv, mac, macKey);

        int padding = 16 - ((1 + PayloadSize) % 16);
        if (padding < 4)
        {
            padding += 16;
        }

        _packetLength = 4 + 1 + PayloadSize + padding;
        _packet = new byte[_packetLength];
        _packet[0] = (byte)((_packetLength - 4) >> 24);
        _packet[1] = (byte)((_packetLength - 4) >> 16);
        _packet[2] = (byte)((_packetLength - 4) >> 8);
        _packet[3] = (byte)(_packetLength - 4);
        _packet[4] = (byte)padding;
        _mac = new byte[_encryptor.MacSize];
        _work = new byte[_packetLength];
        _sealed = (byte[])_packet.Clone();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _encryptor.Dispose();
        _decryptor.Dispose();
    }

    [Benchmark]
    public void Encrypt()
    {
        _packet.CopyTo(_work, 0);
        _encryptor.Encrypt(0, _work, _mac);
    }

    /// <summary>Encrypt then decrypt with a fresh pair per call, so sequence numbers and counters match.</summary>
    [Benchmark]
    public bool EncryptThenDecrypt()
    {
        _packet.CopyTo(_sealed, 0);
        _encryptor.Encrypt(0, _sealed, _mac);
        _decryptor.DecryptLength(0, _sealed);
        return _decryptor.Decrypt(0, _sealed, _mac);
    }

    private sealed class Columns : ManualConfig
    {
        public Columns() => AddColumn(new PayloadThroughputColumn(PayloadSize));
    }
}
