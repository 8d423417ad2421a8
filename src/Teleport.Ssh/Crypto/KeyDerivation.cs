using System.Security.Cryptography;

namespace Teleport.Ssh.Crypto;

/// <summary>Derives the session keys from the shared secret and exchange hash (RFC 4253 §7.2).</summary>
internal static class KeyDerivation
{
    /// <summary>
    /// HASH(K || H || X || session_id), extended with HASH(K || H || K1 || ...) until
    /// <paramref name="length"/> bytes. <paramref name="encodedSecret"/> is K in its wire encoding.
    /// </summary>
    public static byte[] Derive(HashAlgorithmName hash, ReadOnlySpan<byte> encodedSecret, ReadOnlySpan<byte> exchangeHash, char letter, ReadOnlySpan<byte> sessionId, int length)
    {
        using var digest = IncrementalHash.CreateHash(hash);
        digest.AppendData(encodedSecret);
        digest.AppendData(exchangeHash);
        digest.AppendData([(byte)letter]);
        digest.AppendData(sessionId);
        byte[] key = digest.GetHashAndReset();
        while (key.Length < length)
        {
            digest.AppendData(encodedSecret);
            digest.AppendData(exchangeHash);
            digest.AppendData(key);
            byte[] more = digest.GetHashAndReset();
            byte[] longer = new byte[key.Length + more.Length];
            key.CopyTo(longer, 0);
            more.CopyTo(longer, key.Length);
            CryptographicOperations.ZeroMemory(key);
            key = longer;
        }

        if (key.Length == length)
        {
            return key;
        }

        byte[] result = key.AsSpan(0, length).ToArray();
        CryptographicOperations.ZeroMemory(key);
        return result;
    }
}
