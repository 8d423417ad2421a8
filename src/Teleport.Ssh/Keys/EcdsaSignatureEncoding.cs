using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Keys;

/// <summary>
/// RFC 5656 §3.1.2 encodes an ECDSA signature as <c>mpint r, mpint s</c>; .NET works with the
/// fixed-size concatenation r || s. These convert between the two.
/// </summary>
internal static class EcdsaSignatureEncoding
{
    /// <summary>The fixed form, or null when the SSH form is malformed or out of range.</summary>
    public static byte[]? ToFixed(ReadOnlySpan<byte> sshSignature, int fieldSize)
    {
        try
        {
            var reader = new SshReader(sshSignature);
            ReadOnlySpan<byte> r = reader.ReadMpintMagnitude(fieldSize + 1);
            ReadOnlySpan<byte> s = reader.ReadMpintMagnitude(fieldSize + 1);
            if (!reader.IsAtEnd || r.Length > fieldSize || s.Length > fieldSize || r.IsEmpty || s.IsEmpty)
            {
                return null;
            }

            byte[] result = new byte[2 * fieldSize];
            r.CopyTo(result.AsSpan(fieldSize - r.Length));
            s.CopyTo(result.AsSpan((2 * fieldSize) - s.Length));
            return result;
        }
        catch (SshProtocolException)
        {
            return null;
        }
    }

    public static byte[] FromFixed(ReadOnlySpan<byte> fixedSignature)
    {
        int half = fixedSignature.Length / 2;
        using var writer = new SshWriter(fixedSignature.Length + 16);
        writer.WriteMpint(fixedSignature[..half]);
        writer.WriteMpint(fixedSignature[half..]);
        return writer.ToArray();
    }
}
