using System.Text;

namespace Teleport.Ssh.Keys;

/// <summary>
/// The text armor of key files (RFC 7468, with the RFC 1421 headers of legacy encrypted PEM):
/// a <c>-----BEGIN label-----</c> line, optional <c>Name: value</c> headers and a blank line,
/// base64 lines, and the matching <c>-----END label-----</c> line.
/// </summary>
internal static class PemArmor
{
    private const string BeginPrefix = "-----BEGIN ";
    private const string EndPrefix = "-----END ";
    private const string Dashes = "-----";
    private const int MaxLabelLength = 64;
    private const int MaxHeaders = 8;

    /// <summary>Whether the text holds an armored block at all.</summary>
    public static bool Contains(string text) => text.Contains(BeginPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Decodes the first block. Throws <see cref="SshKeyFileException"/> when the armor is broken:
    /// no END line, a header that is not <c>Name: value</c>, or base64 that does not decode.
    /// </summary>
    public static PemBlock Decode(string text)
    {
        int begin = text.IndexOf(BeginPrefix, StringComparison.Ordinal);
        if (begin < 0)
        {
            throw SshKeyFileException.Malformed("no -----BEGIN line");
        }

        int labelStart = begin + BeginPrefix.Length;
        int labelEnd = text.IndexOf(Dashes, labelStart, StringComparison.Ordinal);
        if (labelEnd < 0 || labelEnd - labelStart > MaxLabelLength)
        {
            throw SshKeyFileException.Malformed("the -----BEGIN line is incomplete");
        }

        string label = text[labelStart..labelEnd];
        if (label.AsSpan().ContainsAnyExcept(LabelCharacters))
        {
            throw SshKeyFileException.Malformed("the -----BEGIN line has an invalid label");
        }

        int bodyStart = labelEnd + Dashes.Length;
        string endLine = EndPrefix + label + Dashes;
        int end = text.IndexOf(endLine, bodyStart, StringComparison.Ordinal);
        if (end < 0)
        {
            throw SshKeyFileException.Malformed($"no \"{endLine}\" line: the file is truncated");
        }

        ReadOnlySpan<char> body = text.AsSpan(bodyStart, end - bodyStart);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        body = ReadHeaders(body, headers);

        byte[] buffer = new byte[(body.Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64Chars(body, buffer, out int written))
        {
            throw SshKeyFileException.Malformed($"the {label} block is not valid base64");
        }

        byte[] data = buffer.AsSpan(0, written).ToArray();
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(buffer);
        return new PemBlock(label, headers, data);
    }

    /// <summary>
    /// Armors <paramref name="data"/> as UTF-8 bytes (so a caller can wipe them), with
    /// <paramref name="lineLength"/> base64 characters per line and a newline after every line.
    /// </summary>
    public static byte[] Encode(string label, ReadOnlySpan<byte> data, int lineLength)
    {
        string begin = BeginPrefix + label + Dashes + "\n";
        string end = EndPrefix + label + Dashes + "\n";
        int base64Length = ((data.Length + 2) / 3) * 4;
        int lines = (base64Length + lineLength - 1) / lineLength;
        byte[] base64 = new byte[base64Length];
        System.Buffers.Text.Base64.EncodeToUtf8(data, base64, out _, out _);

        byte[] output = new byte[begin.Length + base64Length + lines + end.Length];
        int position = Encoding.ASCII.GetBytes(begin, output);
        for (int offset = 0; offset < base64Length; offset += lineLength)
        {
            int count = Math.Min(lineLength, base64Length - offset);
            base64.AsSpan(offset, count).CopyTo(output.AsSpan(position));
            position += count;
            output[position++] = (byte)'\n';
        }

        Encoding.ASCII.GetBytes(end, output.AsSpan(position));
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(base64);
        return output;
    }

    /// <summary>Reads RFC 1421 headers up to the blank line that ends them; returns the base64 that follows.</summary>
    private static ReadOnlySpan<char> ReadHeaders(ReadOnlySpan<char> body, Dictionary<string, string> headers)
    {
        ReadOnlySpan<char> rest = body.TrimStart("\r\n");
        while (true)
        {
            int newline = rest.IndexOf('\n');
            ReadOnlySpan<char> line = (newline < 0 ? rest : rest[..newline]).TrimEnd('\r');
            int colon = line.IndexOf(':');
            if (colon <= 0)
            {
                return rest;
            }

            if (headers.Count == MaxHeaders)
            {
                throw SshKeyFileException.Malformed("too many PEM headers");
            }

            headers[line[..colon].Trim().ToString()] = line[(colon + 1)..].Trim().ToString();
            rest = newline < 0 ? [] : rest[(newline + 1)..];
        }
    }

    private static readonly System.Buffers.SearchValues<char> LabelCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ");
}
