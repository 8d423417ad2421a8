using System.Diagnostics;

namespace Teleport.Ssh.Tests.Agent;

/// <summary>Runs the real OpenSSH programs with a controlled environment and a time limit.</summary>
internal static class ExternalProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, string? authSocket = null, byte[]? standardInput = null)
    {
        using Process process = Start(fileName, arguments, authSocket);
        using var timeout = new CancellationTokenSource(Timeout);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        Task<string> stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            if (standardInput is not null)
            {
                await process.StandardInput.BaseStream.WriteAsync(standardInput, timeout.Token);
            }

            // A closed stdin: a program that would ask for a passphrase gets end-of-file instead of waiting.
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException e)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {Timeout}", e);
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a program with redirected standard streams; SSH_AUTH_SOCK is set or removed, and askpass is never used.</summary>
    public static Process Start(string fileName, IEnumerable<string> arguments, string? authSocket = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment.Remove("SSH_AUTH_SOCK");
        startInfo.Environment.Remove("SSH_ASKPASS");
        startInfo.Environment.Remove("DISPLAY");
        if (authSocket is not null)
        {
            startInfo.Environment["SSH_AUTH_SOCK"] = authSocket;
        }

        return Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {fileName}");
    }
}
