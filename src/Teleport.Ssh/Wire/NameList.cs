namespace Teleport.Ssh.Wire;

/// <summary>Encoding and decoding of RFC 4251 §5 <c>name-list</c> values and algorithm names.</summary>
internal static class NameList
{
    public const int DefaultMaxNames = 128;

    /// <summary>RFC 4251 §6: names are at most 64 characters.</summary>
    public const int MaxNameLength = 64;

    public static string[] Decode(ReadOnlySpan<byte> bytes, int maxNames = DefaultMaxNames)
    {
        if (bytes.IsEmpty)
        {
            return [];
        }

        int count = bytes.Count((byte)',') + 1;
        if (count > maxNames)
        {
            throw new SshProtocolException($"name-list of {count} names exceeds the limit of {maxNames}");
        }

        string[] names = new string[count];
        int index = 0;
        foreach (Range range in bytes.Split((byte)','))
        {
            names[index++] = DecodeName(bytes[range]);
        }

        return names;
    }

    public static string DecodeName(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty || bytes.Length > MaxNameLength)
        {
            throw new SshProtocolException($"algorithm or method name of {bytes.Length} bytes is out of range 1-{MaxNameLength}");
        }

        foreach (byte b in bytes)
        {
            // Printable US-ASCII except comma; RFC 4251 §6 also excludes whitespace and controls.
            if (b <= 0x20 || b >= 0x7f || b == (byte)',')
            {
                throw new SshProtocolException("algorithm or method name holds a character outside printable US-ASCII");
            }
        }

        return System.Text.Encoding.ASCII.GetString(bytes);
    }

    public static string Join(IEnumerable<string> names) => string.Join(',', names);
}
