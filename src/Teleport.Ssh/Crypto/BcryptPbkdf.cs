using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Teleport.Ssh.Crypto;

/// <summary>
/// OpenBSD's <c>bcrypt_pbkdf</c> (lib/libutil/bcrypt_pbkdf.c), the key derivation of OpenSSH's
/// encrypted private keys (PROTOCOL.key, kdf "bcrypt"): PBKDF2's structure with SHA-512 and a
/// bcrypt-like hash as the PRF, and the output bytes spread with a stride over the blocks so that
/// every byte of a long key costs the full work. SHA-512 is .NET's; Blowfish is libcrypto's.
/// </summary>
internal static class BcryptPbkdf
{
    /// <summary><c>BCRYPT_WORDS</c>: the hash output is eight 32-bit words.</summary>
    private const int HashWords = 8;

    /// <summary><c>BCRYPT_HASHSIZE</c>.</summary>
    private const int HashSize = HashWords * 4;

    /// <summary>The limits bcrypt_pbkdf.c itself enforces ("nothing crazy").</summary>
    public const int MaxSaltSize = 1 << 20;

    public const int MaxOutputSize = HashSize * HashSize;

    /// <summary>bcrypt_hash's fixed plaintext, encrypted 64 times under the expensive key schedule.</summary>
    private static ReadOnlySpan<byte> Magic => "OxychromaticBlowfishSwatDynamite"u8;

    /// <summary>Fills <paramref name="output"/> with key material; each round costs 128 Blowfish key schedules per 32 output bytes.</summary>
    public static void DeriveKey(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, uint rounds, Span<byte> output)
    {
        if (rounds < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rounds), "bcrypt_pbkdf needs at least one round");
        }

        if (password.IsEmpty)
        {
            throw new ArgumentException("bcrypt_pbkdf needs a password", nameof(password));
        }

        if (salt.IsEmpty || salt.Length > MaxSaltSize)
        {
            throw new ArgumentException("bcrypt_pbkdf needs a salt of 1 byte to 1 MiB", nameof(salt));
        }

        if (output.IsEmpty || output.Length > MaxOutputSize)
        {
            throw new ArgumentException($"bcrypt_pbkdf derives 1 to {MaxOutputSize} bytes", nameof(output));
        }

        int stride = (output.Length + HashSize - 1) / HashSize;
        int amount = (output.Length + stride - 1) / stride;

        Span<byte> sha2Password = stackalloc byte[SHA512.HashSizeInBytes];
        Span<byte> sha2Salt = stackalloc byte[SHA512.HashSizeInBytes];
        Span<byte> block = stackalloc byte[HashSize];
        Span<byte> roundOutput = stackalloc byte[HashSize];
        byte[] countSalt = new byte[salt.Length + 4];
        try
        {
            SHA512.HashData(password, sha2Password);
            salt.CopyTo(countSalt);
            int remaining = output.Length;
            for (uint count = 1; remaining > 0; count++)
            {
                // First round: the salt is salt || big-endian block counter.
                BinaryPrimitives.WriteUInt32BigEndian(countSalt.AsSpan(salt.Length), count);
                SHA512.HashData(countSalt, sha2Salt);
                Hash(sha2Password, sha2Salt, roundOutput);
                roundOutput.CopyTo(block);

                // Later rounds: the salt is the previous round's output; the block XORs them all.
                for (uint round = 1; round < rounds; round++)
                {
                    SHA512.HashData(roundOutput, sha2Salt);
                    Hash(sha2Password, sha2Salt, roundOutput);
                    for (int i = 0; i < HashSize; i++)
                    {
                        block[i] ^= roundOutput[i];
                    }
                }

                // "pbkdf2 deviation": byte i of block number count-1 lands at i * stride + count - 1.
                int written = 0;
                for (int i = 0; i < Math.Min(amount, remaining); i++)
                {
                    int destination = (i * stride) + (int)(count - 1);
                    if (destination >= output.Length)
                    {
                        break;
                    }

                    output[destination] = block[i];
                    written++;
                }

                remaining -= written;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sha2Password);
            CryptographicOperations.ZeroMemory(sha2Salt);
            CryptographicOperations.ZeroMemory(block);
            CryptographicOperations.ZeroMemory(roundOutput);
            CryptographicOperations.ZeroMemory(countSalt);
        }
    }

    /// <summary>
    /// bcrypt_hash: EksBlowfish keyed by the hashed password and salt with 64 alternating
    /// expansions, then the magic string encrypted 64 times; the words are output little-endian.
    /// </summary>
    private static void Hash(ReadOnlySpan<byte> sha2Password, ReadOnlySpan<byte> sha2Salt, Span<byte> output)
    {
        Span<uint> state = stackalloc uint[EksBlowfish.StateWords];
        Span<uint> cdata = stackalloc uint[HashWords];
        try
        {
            EksBlowfish.InitState(state);
            EksBlowfish.ExpandState(state, sha2Salt, sha2Password);
            for (int i = 0; i < 64; i++)
            {
                EksBlowfish.Expand0State(state, sha2Salt);
                EksBlowfish.Expand0State(state, sha2Password);
            }

            int j = 0;
            for (int i = 0; i < HashWords; i++)
            {
                cdata[i] = EksBlowfish.StreamToWord(Magic, ref j);
            }

            for (int i = 0; i < 64; i++)
            {
                EksBlowfish.Encrypt(state, cdata);
            }

            for (int i = 0; i < HashWords; i++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(output.Slice(i * 4, 4), cdata[i]);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(state));
            CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(cdata));
        }
    }
}
