using System.Buffers.Binary;
using System.Numerics;

namespace Teleport.Ssh.Crypto;

/// <summary>
/// Blowfish's initial P-array and S-boxes: by Schneier's definition, the fractional part of pi in
/// hexadecimal, 18 + 4 × 256 32-bit words read in order (P1 = 0x243F6A88 ...). Rather than carry
/// a 4168-byte table of constants, the digits are computed once, at first use, with Machin's
/// formula pi = 16 atan(1/5) − 4 atan(1/239) in fixed-point <see cref="BigInteger"/> arithmetic.
/// The tests prove the result equal to OpenSSL's table.
/// </summary>
internal static class BlowfishInitialState
{
    /// <summary>P[18] then S[4][256], as in OpenSSL's BF_KEY and OpenBSD's blf_ctx.</summary>
    public const int Words = 18 + (4 * 256);

    // Each series term is truncated once per division, so the accumulated error is at most a few
    // ulps per term (about 2^14 in all); 64 extra bits keep it far below the last digit used.
    private const int GuardBits = 64;

    private static readonly uint[] Table = Compute();

    /// <summary>The 1042 words, for <c>Blowfish_initstate</c>.</summary>
    public static ReadOnlySpan<uint> State => Table;

    private static uint[] Compute()
    {
        const int fractionBits = Words * 32;
        const int precision = fractionBits + GuardBits;

        BigInteger pi = (16 * ArcTangentOfReciprocal(5, precision)) - (4 * ArcTangentOfReciprocal(239, precision));
        BigInteger fraction = (pi - (new BigInteger(3) << precision)) >> GuardBits;

        byte[] digits = fraction.ToByteArray(isUnsigned: true, isBigEndian: true);
        byte[] bytes = new byte[Words * 4];
        digits.CopyTo(bytes.AsSpan(bytes.Length - digits.Length));

        uint[] words = new uint[Words];
        for (int i = 0; i < words.Length; i++)
        {
            words[i] = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(i * 4, 4));
        }

        return words;
    }

    /// <summary>atan(1/x) scaled by 2^bits: the alternating series x^-1 − x^-3/3 + x^-5/5 − ...</summary>
    private static BigInteger ArcTangentOfReciprocal(int x, int bits)
    {
        BigInteger power = (BigInteger.One << bits) / x;
        BigInteger sum = power;
        int xSquared = x * x;
        for (int k = 1; ; k++)
        {
            power /= xSquared;
            BigInteger term = power / ((2 * k) + 1);
            if (term.IsZero)
            {
                return sum;
            }

            sum = (k & 1) == 1 ? sum - term : sum + term;
        }
    }
}
