using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Keys;

/// <summary>
/// The signature encoding of RFC 4253 §6.6: <c>string</c> algorithm name, <c>string</c> the
/// algorithm's signature bytes.
/// </summary>
public static class SshSignature
{
    public static byte[] Encode(string algorithm, ReadOnlySpan<byte> signature)
    {
        using var writer = new SshWriter(signature.Length + algorithm.Length + 8);
        writer.WriteString(algorithm);
        writer.WriteString(signature);
        return writer.ToArray();
    }

    /// <summary>Splits a signature blob; false when it is malformed.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> blob, out string algorithm, out byte[] signature)
    {
        try
        {
            var reader = new SshReader(blob);
            algorithm = reader.ReadName();
            signature = reader.ReadString().ToArray();
            reader.EnsureAtEnd("signature");
            return true;
        }
        catch (SshProtocolException)
        {
            algorithm = string.Empty;
            signature = [];
            return false;
        }
    }
}
