using System.Text;

namespace Teleport.Client.Scp;

/// <summary>
/// The scp protocol's framing over a channel: control lines (C, D, E, T), acknowledgements (a zero
/// byte; 1 or 2 followed by a message line for warnings and errors) and raw file data.
/// </summary>
internal sealed class ScpStream(Stream stream)
{
    /// <summary>No control line (a mode, size and one file name) comes near this.</summary>
    public const int MaxLineLength = 8 * 1024;

    private readonly byte[] _one = new byte[1];

    public Stream Inner => stream;

    public async Task SendLineAsync(string line, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), cancellationToken).ConfigureAwait(false);
    }

    public async Task SendOkAsync(CancellationToken cancellationToken) => await stream.WriteAsync(new byte[] { 0 }, cancellationToken).ConfigureAwait(false);

    public async Task SendErrorAsync(string message, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes("\u0002" + message.ReplaceLineEndings(" ") + "\n"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads one byte; -1 at end of stream.</summary>
    public async Task<int> ReadByteAsync(CancellationToken cancellationToken) =>
        await stream.ReadAsync(_one, cancellationToken).ConfigureAwait(false) == 0 ? -1 : _one[0];

    /// <summary>Reads the rest of a line, bounded.</summary>
    public async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        while (true)
        {
            int b = await ReadByteAsync(cancellationToken).ConfigureAwait(false);
            if (b is -1 or '\n')
            {
                return Encoding.UTF8.GetString([.. line]);
            }

            if (line.Count >= MaxLineLength)
            {
                throw new ScpException("the remote scp sent a line that is too long");
            }

            line.Add((byte)b);
        }
    }

    /// <summary>Waits for the remote side's acknowledgement; a warning or an error becomes <see cref="ScpException"/>.</summary>
    public async Task ReadAckAsync(CancellationToken cancellationToken)
    {
        int b = await ReadByteAsync(cancellationToken).ConfigureAwait(false);
        switch (b)
        {
            case 0:
                return;
            case 1 or 2:
                throw new ScpException(await ReadLineAsync(cancellationToken).ConfigureAwait(false));
            case -1:
                throw new ScpException("the remote scp ended unexpectedly");
            default:
                throw new ScpException($"the remote side does not speak the scp protocol (got \"{(char)b}{await ReadLineAsync(cancellationToken).ConfigureAwait(false)}\")");
        }
    }

    public async Task ReadExactlyAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException e)
        {
            throw new ScpException("the remote scp ended in the middle of a file", e);
        }
    }
}
