using Teleport.Ssh.Crypto.Native;

namespace Teleport.Ssh.Crypto;

/// <summary>
/// A keystream cipher from libcrypto (ChaCha20 or AES in counter mode): the key schedule is set
/// up once, the IV can be replaced per packet, and <see cref="Transform"/> XORs the keystream
/// over the data, continuing where the previous call stopped.
/// </summary>
internal sealed class StreamCipher : IDisposable
{
    private readonly SafeEvpCipherCtxHandle _context;

    private unsafe StreamCipher(nint cipher, ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv)
    {
        _context = LibCrypto.EvpCipherCtxNew();
        LibCrypto.Check(!_context.IsInvalid, "cipher context");
        fixed (byte* k = key)
        fixed (byte* i = iv)
        {
            LibCrypto.Check(LibCrypto.EvpEncryptInitEx(_context, cipher, 0, k, i) == 1, "cipher key setup");
        }
    }

    /// <summary>ChaCha20 with a 256-bit key; the IV is set per use with <see cref="SetIv"/>.</summary>
    public static StreamCipher CreateChaCha20(ReadOnlySpan<byte> key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("ChaCha20 key must be 32 bytes", nameof(key));
        }

        return new StreamCipher(LibCrypto.EvpChaCha20(), key, stackalloc byte[16]);
    }

    /// <summary>AES-CTR (RFC 4344) whose counter starts at <paramref name="iv"/> and runs across packets.</summary>
    public static StreamCipher CreateAesCtr(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv)
    {
        nint cipher = key.Length switch
        {
            16 => LibCrypto.EvpAes128Ctr(),
            24 => LibCrypto.EvpAes192Ctr(),
            32 => LibCrypto.EvpAes256Ctr(),
            _ => throw new ArgumentException("AES key must be 16, 24 or 32 bytes", nameof(key)),
        };
        if (iv.Length != 16)
        {
            throw new ArgumentException("AES-CTR IV must be 16 bytes", nameof(iv));
        }

        return new StreamCipher(cipher, key, iv);
    }

    /// <summary>
    /// Replaces the IV, keeping the key. For ChaCha20 the 16 bytes are libcrypto's block counter
    /// (little-endian, 4 bytes) then nonce (12 bytes): the same 4 words as the original ChaCha20
    /// state words 12-15, so a 64-bit counter and a 64-bit nonce map onto them directly.
    /// </summary>
    public unsafe void SetIv(ReadOnlySpan<byte> iv)
    {
        fixed (byte* i = iv)
        {
            LibCrypto.Check(LibCrypto.EvpEncryptInitEx(_context, 0, 0, null, i) == 1, "cipher IV");
        }
    }

    /// <summary>XORs the keystream over <paramref name="input"/> into <paramref name="output"/> (may be the same memory).</summary>
    public unsafe void Transform(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (input.IsEmpty)
        {
            return;
        }

        fixed (byte* i = input)
        fixed (byte* o = output)
        {
            bool ok = LibCrypto.EvpEncryptUpdate(_context, o, out int written, i, input.Length) == 1 && written == input.Length;
            LibCrypto.Check(ok, "cipher update");
        }
    }

    public void Dispose() => _context.Dispose();
}
