using System.Diagnostics;

namespace Teleport.Ssh.Tests.Keys;

/// <summary>
/// Runs the real OpenSSH ssh-keygen. The tests need it (test.sh installs openssh-client), so a
/// missing program fails them rather than skipping them.
/// </summary>
internal static class SshKeygen
{
    public const string Program = "/usr/bin/ssh-keygen";

    private static int _generated;

    /// <summary>Runs ssh-keygen and returns its standard output; fails the test on a non-zero exit.</summary>
    public static string Run(params string[] arguments)
    {
        (int exitCode, string output, string error) = TryRun(arguments);
        Assert.True(exitCode == 0, $"ssh-keygen {string.Join(' ', arguments)} exited with {exitCode}: {error}");
        return output;
    }

    public static (int ExitCode, string Output, string Error) TryRun(params string[] arguments)
    {
        Assert.True(File.Exists(Program), $"{Program} is missing: install openssh-client");
        var start = new ProcessStartInfo(Program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Certificates print their validity in local time; pin it.
        start.Environment["TZ"] = "UTC";
        start.Environment.Remove("SSH_AUTH_SOCK");
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            Assert.Fail($"ssh-keygen {string.Join(' ', arguments)} did not finish in 60 s");
        }

        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    /// <summary>Generates a key pair; returns the private key's path (the public key is path + ".pub").</summary>
    public static string Generate(TempDirectory directory, string type, int bits, string? passphrase, string? format = null, string comment = "test key")
    {
        int number = Interlocked.Increment(ref _generated);
        string path = directory.Combine($"id_{type}_{bits}_{format ?? "openssh"}_{(passphrase is null ? "plain" : "encrypted")}_{number}");
        var arguments = new List<string> { "-q", "-t", type, "-N", passphrase ?? string.Empty, "-C", comment, "-f", path };
        if (bits > 0)
        {
            arguments.AddRange(["-b", bits.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        if (format is not null)
        {
            arguments.AddRange(["-m", format]);
        }

        Run([.. arguments]);
        return path;
    }
}
