using System.Globalization;
using System.Security.Cryptography;

namespace Teleport.Auth.Identity;

/// <summary>
/// Password hashes with PBKDF2-HMAC-SHA512 from the .NET runtime (a vetted, NIST-approved slow KDF;
/// Teleport's bcrypt has no vetted .NET implementation available here), stored in a PHC-style
/// string that carries its parameters: <c>$pbkdf2-sha512$i=210000$salt$hash</c>, so the cost can
/// rise later without breaking stored hashes.
/// </summary>
public sealed class PasswordHasher
{
    /// <summary>OWASP's 2023 recommendation for PBKDF2-HMAC-SHA512.</summary>
    public const int DefaultIterations = 210_000;

    private const string Scheme = "pbkdf2-sha512";
    private const int SaltSize = 16;
    private const int HashSize = 64;
    private const int MaxIterations = 10_000_000;

    public PasswordHasher(int iterations = DefaultIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1000);
        Iterations = iterations;
    }

    public int Iterations { get; }

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        byte[] salt = RandomNumberGenerator.GetBytes(SaltSize);
        byte[] hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA512, HashSize);
        return string.Create(CultureInfo.InvariantCulture, $"${Scheme}$i={Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Checks <paramref name="password"/> against a stored hash in constant time; false for a malformed hash.</summary>
    public static bool Verify(string password, string storedHash)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(storedHash);
        string[] parts = storedHash.Split('$');
        if (parts.Length != 5 || parts[0].Length != 0 || parts[1] != Scheme || !parts[2].StartsWith("i=", StringComparison.Ordinal)
            || !int.TryParse(parts[2].AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out int iterations)
            || iterations is < 1000 or > MaxIterations)
        {
            return false;
        }

        byte[] salt;
        byte[] expected;
        try
        {
            salt = Convert.FromBase64String(parts[3]);
            expected = Convert.FromBase64String(parts[4]);
        }
        catch (FormatException)
        {
            return false;
        }

        if (expected.Length != HashSize)
        {
            return false;
        }

        byte[] actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA512, HashSize);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
