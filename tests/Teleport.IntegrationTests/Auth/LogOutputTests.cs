using System.Diagnostics;
using Teleport.IntegrationTests.Support;

namespace Teleport.IntegrationTests.Auth;

/// <summary>teleport.log.output naming a file: the log goes there, readable by its owner only; a file that cannot be opened stops the start with a clear error.</summary>
public sealed class LogOutputTests : IDisposable
{
    private readonly TempDirectory _directory = new("teleport-log-");

    [Fact]
    public async Task The_log_goes_to_the_file_named_by_log_output_and_only_its_owner_reads_it()
    {
        string logFile = _directory.Combine("teleport.log");
        string config = WriteConfig(logFile);
        using Process process = ExternalProcess.Start(Repository.Bin("teleport"), ["start", "-c", config]);
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await Eventually.WaitAsync(() => File.Exists(logFile) && File.ReadAllText(logFile).Contains("is running", StringComparison.Ordinal), "the start logged to the file", TimeSpan.FromSeconds(60));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(logFile));
        }
        finally
        {
            _ = Posix.Kill(process.Id, 15);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("Shutting down gracefully", await File.ReadAllTextAsync(logFile), StringComparison.Ordinal);
        Assert.DoesNotContain("is running", await stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_log_file_that_cannot_be_opened_stops_the_start_and_says_why()
    {
        string missing = _directory.Combine("no-such-directory", "teleport.log");
        ProcessResult result = await ExternalProcess.RunAsync(Repository.Bin("teleport"), ["start", "-c", WriteConfig(missing)], new RunOptions());
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"teleport.log.output {missing}", result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_directory.Combine("data", "backend")), "nothing was started");
    }

    public void Dispose() => _directory.Dispose();

    private string WriteConfig(string logOutput)
    {
        string path = _directory.Combine("teleport.yaml");
        File.WriteAllText(path, $"""
            version: v3
            teleport:
              nodename: log-test
              data_dir: {_directory.Combine("data")}
              log:
                output: {logOutput}
                severity: INFO
            auth_service:
              enabled: yes
              listen_addr: 127.0.0.1:{Ports.Free()}
              cluster_name: log.test
            ssh_service:
              enabled: no
            proxy_service:
              enabled: no
            """);
        return path;
    }
}
