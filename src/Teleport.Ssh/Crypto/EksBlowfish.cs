using Teleport.Ssh.Crypto.Native;

namespace Teleport.Ssh.Crypto;

/// <summary>
/// The expensive key schedule of Provos and Mazières' "A Future-Adaptable Password Scheme"
/// (EksBlowfish), as OpenBSD's blf.c spells it for bcrypt_pbkdf: <c>Blowfish_initstate</c>,
/// <c>Blowfish_expandstate</c> and <c>Blowfish_expand0state</c>. Only the XOR-and-replace loops
/// live here; every block encryption is libcrypto's <c>BF_encrypt</c> over the same
/// <c>P[18], S[1024]</c> layout. The state is a caller-owned span so it can sit on the stack and
/// be wiped.
/// </summary>
internal static class EksBlowfish
{
    public const int StateWords = BlowfishInitialState.Words;

    private const int PWords = 18;

    /// <summary><c>Blowfish_initstate</c>: the hex digits of pi.</summary>
    public static void InitState(Span<uint> state)
    {
        RequireState(state);
        BlowfishInitialState.State.CopyTo(state);
    }

    /// <summary>
    /// <c>Blowfish_expand0state</c>, the standard Blowfish key schedule: XOR the cycled key into
    /// P, then replace P and the S-boxes by successive encryptions of an all-zero block.
    /// </summary>
    public static void Expand0State(Span<uint> state, ReadOnlySpan<byte> key) => Expand(state, ReadOnlySpan<byte>.Empty, key);

    /// <summary>
    /// <c>Blowfish_expandstate</c>: as <see cref="Expand0State"/>, but before each encryption the
    /// next 64 bits of the cycled <paramref name="data"/> (the salt) are XORed into the block.
    /// </summary>
    public static void ExpandState(Span<uint> state, ReadOnlySpan<byte> data, ReadOnlySpan<byte> key)
    {
        if (data.IsEmpty)
        {
            throw new ArgumentException("expandstate needs data", nameof(data));
        }

        Expand(state, data, key);
    }

    /// <summary><c>blf_enc</c>: encrypts consecutive (L, R) word pairs of <paramref name="blocks"/> in place.</summary>
    public static unsafe void Encrypt(Span<uint> state, Span<uint> blocks)
    {
        RequireState(state);
        if ((blocks.Length & 1) != 0)
        {
            throw new ArgumentException("blocks are pairs of words", nameof(blocks));
        }

        fixed (uint* key = state)
        fixed (uint* data = blocks)
        {
            for (int i = 0; i < blocks.Length; i += 2)
            {
                LibCrypto.BfEncrypt(data + i, key);
            }
        }
    }

    private static unsafe void Expand(Span<uint> state, ReadOnlySpan<byte> data, ReadOnlySpan<byte> key)
    {
        RequireState(state);
        if (key.IsEmpty)
        {
            throw new ArgumentException("Blowfish key must not be empty", nameof(key));
        }

        int j = 0;
        for (int i = 0; i < PWords; i++)
        {
            state[i] ^= StreamToWord(key, ref j);
        }

        j = 0;
        uint* block = stackalloc uint[2];
        block[0] = 0;
        block[1] = 0;
        fixed (uint* p = state)
        {
            // P[0..17] and then S[0..1023] are contiguous, so one loop replaces both, two words
            // per encryption, exactly as blf.c's two loops do.
            for (int i = 0; i < StateWords; i += 2)
            {
                if (!data.IsEmpty)
                {
                    block[0] ^= StreamToWord(data, ref j);
                    block[1] ^= StreamToWord(data, ref j);
                }

                LibCrypto.BfEncrypt(block, p);
                p[i] = block[0];
                p[i + 1] = block[1];
            }
        }

        block[0] = 0;
        block[1] = 0;
    }

    /// <summary>
    /// <c>Blowfish_stream2word</c>: the next four bytes of <paramref name="data"/>, big-endian,
    /// wrapping to the start as often as needed.
    /// </summary>
    public static uint StreamToWord(ReadOnlySpan<byte> data, ref int current)
    {
        uint word = 0;
        for (int i = 0; i < 4; i++)
        {
            if (current >= data.Length)
            {
                current = 0;
            }

            word = (word << 8) | data[current];
            current++;
        }

        return word;
    }

    private static void RequireState(Span<uint> state)
    {
        if (state.Length != StateWords)
        {
            throw new ArgumentException($"Blowfish state is {StateWords} words", nameof(state));
        }
    }
}
