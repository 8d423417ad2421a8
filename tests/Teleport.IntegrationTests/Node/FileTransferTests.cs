using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Teleport.IntegrationTests.Support;

namespace Teleport.IntegrationTests.Node;

/// <summary>OpenSSH's sftp and scp (SFTP-based by default, legacy with -O) moving a 50 MB file through a real node, audited, and refused by ssh_file_copy: false.</summary>
public sealed class FileTransferTests(NodeCluster cluster) : IClassFixture<NodeCluster>
{
    private const int FileSize = 50 * 1024 * 1024;
    private static readonly TimeSpan TransferTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Sftp_put_and_get_round_trip_a_large_file_and_are_audited()
    {
        DateTimeOffset since = DateTimeOffset.UtcNow;
        string directory = Workspace("sftp");
        string source = await RandomFileAsync(directory);
        string remote = Path.Combine(directory, "remote.bin");
        string back = Path.Combine(directory, "back.bin");
        string batch = Path.Combine(directory, "batch");
        await File.WriteAllTextAsync(batch, $"put {source} {remote}\nget {remote} {back}\n");

        ProcessResult result = await RunAsync("/usr/bin/sftp", [.. Options(cluster.AliceKey), "-b", batch, "127.0.0.1"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        string expected = await Sha256Async(source);
        Assert.Equal(expected, await Sha256Async(remote));
        Assert.Equal(expected, await Sha256Async(back));
        JsonElement opened = await AuditSearch.WaitForAsync(cluster.Auth, since, "sftp", e => e.Text("path") == remote, $"for {remote}");
        Assert.Equal("alice", opened.Text("user"));
        Assert.Equal(NodeCluster.Login, opened.Text("login"));
        Assert.Equal("open", opened.Text("action"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Scp_uploads_and_downloads_a_large_file(bool legacy)
    {
        DateTimeOffset since = DateTimeOffset.UtcNow;
        string directory = Workspace(legacy ? "scp-legacy" : "scp-sftp");
        string source = await RandomFileAsync(directory);
        string remote = Path.Combine(directory, "remote.bin");
        string back = Path.Combine(directory, "back.bin");
        string[] mode = legacy ? ["-O"] : [];

        ProcessResult upload = await RunAsync("/usr/bin/scp", [.. Options(cluster.AliceKey), .. mode, source, $"127.0.0.1:{remote}"]);
        Assert.True(upload.ExitCode == 0, upload.ToString());
        ProcessResult download = await RunAsync("/usr/bin/scp", [.. Options(cluster.AliceKey), .. mode, $"127.0.0.1:{remote}", back]);
        Assert.True(download.ExitCode == 0, download.ToString());

        string expected = await Sha256Async(source);
        Assert.Equal(expected, await Sha256Async(remote));
        Assert.Equal(expected, await Sha256Async(back));
        if (legacy)
        {
            foreach (string action in new[] { "upload", "download" })
            {
                JsonElement copied = await AuditSearch.WaitForAsync(cluster.Auth, since, "scp", e => e.Text("action") == action && e.Text("path") == remote, $"{action} of {remote}");
                Assert.Equal("alice", copied.Text("user"));
                Assert.Equal(NodeCluster.Login, copied.Text("login"));
            }
        }
        else
        {
            await AuditSearch.WaitForAsync(cluster.Auth, since, "sftp", e => e.Text("path") == remote && e.Text("user") == "alice", $"for {remote}");
        }
    }

    [Fact]
    public async Task A_role_without_ssh_file_copy_refuses_sftp_and_both_scp_modes()
    {
        DateTimeOffset since = DateTimeOffset.UtcNow;
        await cluster.CreateRoleAsync("no-file-copy", """
            allow:
              logins: [root]
              node_labels:
                '*': '*'
            options:
              ssh_file_copy: false
            """);
        ProcessResult added = await cluster.Auth.TctlAsync("users", "add", "carol", "--roles=no-file-copy");
        Assert.True(added.ExitCode == 0, added.ToString());
        string key = cluster.Auth.Directory.Combine("carol");
        await cluster.SignAsync("carol", key);
        string directory = Workspace("refused");
        string source = Path.Combine(directory, "small.txt");
        await File.WriteAllTextAsync(source, "not to be copied\n");
        string remote = Path.Combine(directory, "remote.txt");
        string batch = Path.Combine(directory, "batch");
        await File.WriteAllTextAsync(batch, $"put {source} {remote}\n");

        ProcessResult sftp = await RunAsync("/usr/bin/sftp", [.. Options(key), "-b", batch, "127.0.0.1"]);
        ProcessResult scp = await RunAsync("/usr/bin/scp", [.. Options(key), source, $"127.0.0.1:{remote}"]);
        ProcessResult legacyUpload = await RunAsync("/usr/bin/scp", [.. Options(key), "-O", source, $"127.0.0.1:{remote}"]);
        ProcessResult legacyDownload = await RunAsync("/usr/bin/scp", [.. Options(key), "-O", $"127.0.0.1:{source}", remote]);

        Assert.True(sftp.ExitCode != 0, sftp.ToString());
        Assert.True(scp.ExitCode != 0, scp.ToString());
        Assert.True(legacyUpload.ExitCode != 0, legacyUpload.ToString());
        Assert.Contains("not allowed", legacyUpload.StandardError, StringComparison.Ordinal);
        Assert.True(legacyDownload.ExitCode != 0, legacyDownload.ToString());
        Assert.False(File.Exists(remote));
        JsonElement refused = await AuditSearch.WaitForAsync(cluster.Auth, since, "scp", e => e.Text("user") == "carol" && e.Text("action") == "upload", "refused upload by carol");
        Assert.Equal("T3004E", refused.Text("code"));
    }

    private IReadOnlyList<string> Options(string key) =>
    [
        "-F", "none", "-P", cluster.SshPort.ToString(CultureInfo.InvariantCulture),
        "-i", key, "-o", "IdentitiesOnly=yes", "-o", $"UserKnownHostsFile={cluster.KnownHosts}",
        "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", $"User={NodeCluster.Login}",
    ];

    private string Workspace(string name)
    {
        string directory = cluster.Auth.Directory.Combine("files-" + name);
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments) =>
        ExternalProcess.RunAsync(program, arguments, new RunOptions { Timeout = TransferTimeout });

    private static async Task<string> RandomFileAsync(string directory)
    {
        string path = Path.Combine(directory, "source.bin");
        await File.WriteAllBytesAsync(path, RandomNumberGenerator.GetBytes(FileSize));
        return path;
    }

    private static async Task<string> Sha256Async(string path)
    {
        await using FileStream file = File.OpenRead(path);
        return Convert.ToHexString(await SHA256.HashDataAsync(file));
    }
}
