using System.Text;

namespace Teleport.Ssh.Transport;

internal sealed partial class SshTransport
{
    /// <summary>RFC 4253 §4.2: the identification line is at most 255 bytes with CR LF.</summary>
    private const int MaxIdentificationLength = 255;

    /// <summary>Bytes of other lines a client accepts before the server's identification.</summary>
    private const int MaxPreambleBytes = 64 * 1024;

    /// <summary>
    /// Sends our identification and reads the peer's (RFC 4253 §4.2). A client skips the lines a
    /// server may send first; a server accepts nothing but the identification. Bytes after the
    /// line stay buffered: the peer's KEXINIT often arrives in the same segment.
    /// </summary>
    private async Task ExchangeVersionsAsync(CancellationToken cancellationToken)
    {
        byte[] ours = Encoding.ASCII.GetBytes(_settings.SoftwareVersion + "\r\n");
        await _stream.WriteAsync(ours, cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);

        int preambleBytes = 0;
        while (true)
        {
            string line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line.StartsWith("SSH-", StringComparison.Ordinal))
            {
                RemoteVersion = ValidateIdentification(line);
                return;
            }

            preambleBytes += line.Length + 2;
            if (IsServer)
            {
                throw new SshProtocolException(DisconnectReason.ProtocolVersionNotSupported, "client sent data before its SSH identification");
            }

            if (preambleBytes > MaxPreambleBytes)
            {
                throw new SshProtocolException(DisconnectReason.ProtocolVersionNotSupported, "server sent too much before its SSH identification");
            }
        }
    }

    private static string ValidateIdentification(string line)
    {
        if (line.Length > MaxIdentificationLength - 2)
        {
            throw new SshProtocolException(DisconnectReason.ProtocolVersionNotSupported, "SSH identification line is too long");
        }

        // "SSH-1.99" is how servers that also speak version 1 announce version 2 (RFC 4253 §5.1).
        if (!line.StartsWith("SSH-2.0-", StringComparison.Ordinal) && !line.StartsWith("SSH-1.99-", StringComparison.Ordinal))
        {
            throw new SshProtocolException(DisconnectReason.ProtocolVersionNotSupported, $"unsupported SSH protocol version in \"{Printable(line)}\"");
        }

        foreach (char c in line)
        {
            if (c is < ' ' or > '~')
            {
                throw new SshProtocolException(DisconnectReason.ProtocolVersionNotSupported, "SSH identification holds non-printable characters");
            }
        }

        return line;
    }

    /// <summary>Reads one line ending in LF (CR optional), bounded so a peer that never sends one cannot grow memory.</summary>
    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        int scanned = 0;
        while (true)
        {
            ReadOnlySpan<byte> buffered = BufferedSpan;
            int newline = buffered[scanned..].IndexOf((byte)'\n');
            if (newline >= 0)
            {
                int length = scanned + newline;
                int textLength = length > 0 && buffered[length - 1] == '\r' ? length - 1 : length;

                // Latin-1 maps each byte to one char, so bytes outside US-ASCII stay visible to the
                // printable check; ASCII would turn them into '?' and let them through.
                string line = Encoding.Latin1.GetString(buffered[..textLength]);
                ConsumeBuffered(length + 1);
                return line;
            }

            scanned = buffered.Length;
            if (scanned >= MaxPreambleBytes / 8)
            {
                throw new SshProtocolException(DisconnectReason.ProtocolVersionNotSupported, "line before the SSH identification is too long");
            }

            await FillBufferAsync(scanned + 1, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Printable(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, 64));
        foreach (char c in text.AsSpan(0, Math.Min(text.Length, 64)))
        {
            builder.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        return builder.ToString();
    }
}
