namespace Teleport.Ssh.Sftp;

/// <summary>
/// An SFTP version 3 server (draft-ietf-secsh-filexfer-02 with OpenSSH's extensions, PROTOCOL §4)
/// over a pair of streams: the body of the <c>sftp</c> subsystem. It acts on the local file system
/// with the privileges of the process it runs in; the node runs it in a child process started as
/// the logged-in user, so it never changes identity itself.
/// </summary>
public sealed class SftpServer
{
    private readonly SftpServerOptions _options;

    /// <exception cref="SshOptionsException">The options are invalid.</exception>
    public SftpServer(SftpServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>
    /// Serves requests from <paramref name="input"/> until it ends, replying on
    /// <paramref name="output"/>; open handles are closed on return.
    /// </summary>
    /// <exception cref="SftpProtocolException">The client broke the framing (an oversized packet, no INIT first).</exception>
    public async Task RunAsync(Stream input, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        using var session = new SftpSession(_options, output);
        await session.RunAsync(input, cancellationToken).ConfigureAwait(false);
    }
}
