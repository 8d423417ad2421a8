using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Teleport.Auth.Identity;

/// <summary>
/// Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): HMAC-SHA1, 30-second steps,
/// 6 digits, the defaults every authenticator app and oathtool use. Codes from one step either
/// side are accepted for clock skew; a step once used is never accepted again.
/// </summary>
public static class Totp
{
    public const int SecretSize = 20;
    public const int Digits = 6;
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    public static byte[] GenerateSecret() => RandomNumberGenerator.GetBytes(SecretSize);

    /// <summary>The time step number (RFC 6238 §4: T = floor(unix time / 30)).</summary>
    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / (long)Period.TotalSeconds;

    public static string Code(ReadOnlySpan<byte> secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> mac = stackalloc byte[20];
        HMACSHA1.HashData(secret, counter, mac);

        // RFC 4226 §5.3 dynamic truncation.
        int offset = mac[^1] & 0x0f;
        int binary = (BinaryPrimitives.ReadInt32BigEndian(mac[offset..]) & 0x7fffffff) % 1_000_000;
        return binary.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Returns the step <paramref name="code"/> belongs to when it is valid at <paramref name="now"/>
    /// (one step of skew either way) and newer than <paramref name="lastUsedStep"/>; otherwise null.
    /// The caller records the returned step so the same code cannot be replayed.
    /// </summary>
    public static long? Verify(ReadOnlySpan<byte> secret, string code, DateTimeOffset now, long lastUsedStep)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length != Digits || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        long current = StepAt(now);
        long? matched = null;
        for (long step = current - 1; step <= current + 1; step++)
        {
            // Check every candidate, so the time taken does not reveal which step matched.
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(code)) && step > lastUsedStep)
            {
                matched ??= step;
            }
        }

        return matched;
    }

    /// <summary>The otpauth:// URI authenticator apps read from the QR code (Google Authenticator key URI format).</summary>
    public static string KeyUri(string issuer, string account, ReadOnlySpan<byte> secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={Base32.Encode(secret)}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Digits}&period={(int)Period.TotalSeconds}";
}
