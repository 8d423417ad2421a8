using System.Diagnostics;

namespace Teleport.Testing;

/// <summary>Runs the real OpenSSH programs with a controlled environment and a time limit.</summary>
public static class ExternalProcess
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, string? authSocket = null, byte[]? standardInput = null) =>
        RunAsync(fileName, arguments, new RunOptions { AuthSocket = authSocket, StandardInput = standardInput is null ? null : new MemoryStream(standardInput) });

    /// <summary>
    /// Runs a program to completion. Standard input comes from <see cref="RunOptions.StandardInput"/>
    /// (closed at once when null, so nothing waits for a prompt); standard output goes to
    /// <see cref="RunOptions.StandardOutput"/> when given (for binary data), otherwise into the result.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, RunOptions options)
    {
        using Process process = Start(fileName, arguments, options.AuthSocket, options.Environment);
        using var timeout = new CancellationTokenSource(options.Timeout ?? DefaultTimeout);
        Task<string> stdout = options.StandardOutput is { } sink
            ? process.StandardOutput.BaseStream.CopyToAsync(sink, timeout.Token).ContinueWith(_ => string.Empty, TaskScheduler.Default)
            : process.StandardOutput.ReadToEndAsync(timeout.Token);
        Task<string> stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            if (options.StandardInput is not null)
            {
                await options.StandardInput.CopyToAsync(process.StandardInput.BaseStream, timeout.Token);
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException e)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {options.Timeout ?? DefaultTimeout}: {await SafeAsync(stderr)}", e);
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a program with redirected standard streams; SSH_AUTH_SOCK is set or removed, and askpass is never used unless asked.</summary>
    public static Process Start(string fileName, IEnumerable<string> arguments, string? authSocket = null, IReadOnlyDictionary<string, string>? environment = null)
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

        foreach (KeyValuePair<string, string> variable in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[variable.Key] = variable.Value;
        }

        return Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {fileName}");
    }

    private static async Task<string> SafeAsync(Task<string> text)
    {
        try
        {
            return await text.WaitAsync(TimeSpan.FromSeconds(1));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            return string.Empty;
        }
    }
}
