using System.Diagnostics;
using System.Security.Cryptography;
using Xunit.Abstractions;

namespace Teleport.Ssh.Tests.Sftp;

/// <summary>
/// OpenSSH's own sftp client (Debian's 9.2) against our server, connected directly with
/// <c>sftp -D</c>: the test server's <c>sftp</c> mode serves on standard input and output, no SSH.
/// </summary>
public sealed class OpenSshSftpInteropTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _directory = new("teleport-sftp-interop-");

    private string Home => Directory.CreateDirectory(_directory.Combine("home")).FullName;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Put_and_get_of_50_MB_keep_every_byte()
    {
        string local = _directory.Combine("local.bin");
        byte[] data = RandomNumberGenerator.GetBytes(50 * 1024 * 1024);
        await File.WriteAllBytesAsync(local, data);
        string back = _directory.Combine("back.bin");

        var clock = Stopwatch.StartNew();
        ProcessResult result = await SftpAsync($"put {local} remote.bin", $"get remote.bin {back}");
        output.WriteLine($"50 MB up and down in {clock.Elapsed.TotalSeconds:F2} s");

        Assert.True(result.ExitCode == 0, result.ToString());
        byte[] expected = SHA256.HashData(data);
        Assert.Equal(expected, SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(Home, "remote.bin"))));
        Assert.Equal(expected, SHA256.HashData(await File.ReadAllBytesAsync(back)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Directories_links_modes_renames_and_removal_work()
    {
        string local = _directory.Combine("small.txt");
        await File.WriteAllTextAsync(local, "hello\n");

        ProcessResult result = await SftpAsync(
            "mkdir d1",
            "rename d1 d2",
            "chmod 700 d2",
            $"put {local} d2/f",
            "ln -s f d2/soft",
            "ln d2/f d2/hard",
            "rename d2/f d2/g",
            "cp d2/g d2/copy",
            "ls -l d2",
            "rm d2/hard",
            "ls -l d2");

        output.WriteLine(result.ToString());
        Assert.True(result.ExitCode == 0, result.ToString());
        string d2 = Path.Combine(Home, "d2");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(d2));
        Assert.Equal("f", new FileInfo(Path.Combine(d2, "soft")).LinkTarget);
        Assert.Equal("hello\n", await File.ReadAllTextAsync(Path.Combine(d2, "g")));
        Assert.Equal("hello\n", await File.ReadAllTextAsync(Path.Combine(d2, "copy")));
        Assert.False(File.Exists(Path.Combine(d2, "hard")));
        Assert.Matches(@"(?m)^-rw-\S+ +2 .* 6 .* g$", result.StandardOutput);   // g and hard share an inode
        Assert.Matches(@"(?m)^lrwxrwxrwx +1 .* soft$", result.StandardOutput);

        result = await SftpAsync("rm d2/g", "rm d2/soft", "rm d2/copy", "rmdir d2", "ls -la");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(Directory.Exists(d2));
    }

    [Fact]
    public async Task Df_reports_the_file_system_through_statvfs()
    {
        ProcessResult result = await SftpAsync("df", "df -i");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("%Capacity", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Inodes", result.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^ +\d+ +\d+ +\d+ +\d+ +\d+%$", result.StandardOutput);
    }

    [Fact]
    public async Task Missing_files_fail_the_batch_with_the_reason()
    {
        ProcessResult get = await SftpAsync($"get missing {_directory.Combine("x")}");
        ProcessResult rename = await SftpAsync("rename missing other");

        Assert.NotEqual(0, get.ExitCode);
        Assert.Contains("not found", get.StandardError, StringComparison.Ordinal);
        Assert.NotEqual(0, rename.ExitCode);
        Assert.Contains("No such file or directory", rename.StandardError, StringComparison.Ordinal);
    }

    /// <summary>Runs the commands as an sftp batch: the first failing command fails the run.</summary>
    private async Task<ProcessResult> SftpAsync(params string[] commands)
    {
        string batch = _directory.Combine("batch");
        await File.WriteAllLinesAsync(batch, commands);
        string server = $"{Path.Combine(AppContext.BaseDirectory, "Teleport.Ssh.TestServer")} sftp {Home}";
        return await ExternalProcess.RunAsync("sftp", ["-b", batch, "-D", server], new RunOptions { Timeout = TimeSpan.FromSeconds(60) });
    }
}
