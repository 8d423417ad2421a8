using System.Text.Json;
using Teleport.Ssh.Sftp;

namespace Teleport.Commands;

/// <summary>
/// <c>teleport sftp</c>, hidden: the node re-executes itself with it as the logged-in user, the
/// SSH channel on standard input and output, to serve the <c>sftp</c> subsystem without an
/// openssh-sftp-server on the host. Each audited operation is one JSON line on standard error
/// (<see cref="SftpAuditLine"/>) for the node to turn into an audit event. Handled before the
/// command line parser is built, so a transfer does not pay for it.
/// </summary>
internal static class SftpSubsystem
{
    public static async Task<int> RunAsync(string[] args)
    {
        _ = args;
        string? home = Environment.GetEnvironmentVariable("HOME");
        if (string.IsNullOrEmpty(home) || !Path.IsPathFullyQualified(home))
        {
            home = Environment.CurrentDirectory;
        }

        TextWriter audit = Console.Error;
        var server = new SftpServer(new SftpServerOptions
        {
            HomeDirectory = home,
            OnOperation = record => audit.WriteLine(JsonSerializer.Serialize(SftpAuditLine.From(record), SftpAuditJsonContext.Default.SftpAuditLine)),
        });
        try
        {
            await server.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput(), CancellationToken.None);
            return 0;
        }
        catch (SftpProtocolException e)
        {
            await audit.WriteLineAsync($"sftp: {e.Message}");
            return 1;
        }
        catch (IOException e)
        {
            // The channel went away under a write: nothing is left to serve.
            await audit.WriteLineAsync($"sftp: {e.Message}");
            return 1;
        }
    }
}
