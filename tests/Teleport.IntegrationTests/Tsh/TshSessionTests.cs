using System.Security.Cryptography;
using System.Text.Json;
using Teleport.IntegrationTests.Support;
using Xunit.Abstractions;

namespace Teleport.IntegrationTests.Tsh;

/// <summary>tsh ls, ssh (exec, stdin, exit codes, label targets, errors from the proxy) and scp against a real cluster.</summary>
public sealed class TshSessionTests(TshCluster fixture, ITestOutputHelper output) : IClassFixture<TshCluster>
{
    private const string Node = ProxyCluster.NodeName;

    [Fact]
    public async Task Ls_lists_the_nodes_the_roles_allow_filtered_by_labels_as_text_or_json()
    {
        ProcessResult all = await fixture.Alice.RunAsync("ls");
        Assert.True(all.ExitCode == 0, all.ToString());
        string[] lines = all.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^Node Name +Address +Labels$", lines[0]);
        Assert.Matches("^-+ -+ -+$", lines[1]);
        Assert.Equal([Node, TshCluster.ProdNode, TshCluster.WebNode], lines[2..].Select(l => l.Split(' ')[0]));
        Assert.Matches($@"^{Node} +127\.0\.0\.1:{fixture.Cluster.NodePort} +env=test$", lines[2]);

        ProcessResult filtered = await fixture.Alice.RunAsync("ls", "env=prod");
        Assert.Equal([TshCluster.ProdNode], filtered.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)[2..].Select(l => l.Split(' ')[0]));

        ProcessResult json = await fixture.Alice.RunAsync("ls", "--format=json", "env=test");
        Assert.True(json.ExitCode == 0, json.ToString());
        JsonElement[] nodes = [.. JsonDocument.Parse(json.StandardOutput).RootElement.EnumerateArray()];
        Assert.Equal([Node, TshCluster.WebNode], nodes.Select(n => n.GetProperty("hostname").GetString()));
        Assert.All(nodes, n => Assert.Equal("test", n.GetProperty("labels").GetProperty("env").GetString()));
        Assert.All(nodes, n => Assert.True(Guid.TryParse(n.GetProperty("id").GetString(), out _)));

        ProcessResult bob = await fixture.Bob.RunAsync("ls");
        Assert.True(bob.ExitCode == 0, bob.ToString());
        Assert.DoesNotContain(TshCluster.ProdNode, bob.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(TshCluster.WebNode, bob.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ssh_exec_returns_the_remote_exit_status_and_passes_stdin_stdout_and_stderr()
    {
        ProcessResult echo = await fixture.Alice.RunAsync("ssh", $"root@{Node}", "echo", "out-$((40+2))", ";", "echo", "err", ">&2");
        Assert.True(echo.ExitCode == 0, echo.ToString());
        Assert.Equal("out-42\n", echo.StandardOutput);
        Assert.Equal("err\n", echo.StandardError);

        ProcessResult failing = await fixture.Alice.RunAsync("ssh", $"root@{Node}", "exit 7");
        Assert.Equal(7, failing.ExitCode);

        ProcessResult options = await fixture.Alice.RunAsync("ssh", "-l", "root", Node, "ls", "-d", "/");
        Assert.True(options.ExitCode == 0, options.ToString());
        Assert.Equal("/\n", options.StandardOutput);

        ProcessResult stdin = await fixture.Alice.RunAsync(["ssh", $"root@{Node}", "tr a-z A-Z; echo done"], "piped through\n");
        Assert.Equal("PIPED THROUGH\ndone\n", stdin.StandardOutput);

        ProcessResult killed = await fixture.Alice.RunAsync("ssh", $"root@{Node}", "kill -TERM $$");
        Assert.Equal(255, killed.ExitCode);
        Assert.Contains("signal TERM", killed.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ssh_to_an_unknown_or_forbidden_node_prints_the_proxys_error()
    {
        ProcessResult unknown = await fixture.Alice.RunAsync("ssh", "root@no-such-node", "true");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("ERROR: node \"no-such-node\" not found in cluster itest\n", unknown.StandardError);

        ProcessResult forbidden = await fixture.Bob.RunAsync("ssh", $"root@{TshCluster.ProdNode}", "true");
        Assert.Equal(1, forbidden.ExitCode);
        Assert.Equal($"ERROR: node \"{TshCluster.ProdNode}\" not found in cluster itest\n", forbidden.StandardError);
    }

    [Fact]
    public async Task A_label_target_runs_the_command_on_every_matching_node_with_prefixed_lines()
    {
        ProcessResult result = await fixture.Alice.RunAsync("ssh", "root@env=test", "echo", "one;", "echo", "two");

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] lines = [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
        Assert.Equal([$"[{Node}] one", $"[{Node}] two", $"[{TshCluster.WebNode}] one", $"[{TshCluster.WebNode}] two"], lines);

        ProcessResult hostname = await fixture.Alice.RunAsync("ssh", "root@env=prod", "hostname");
        Assert.Equal($"[{TshCluster.ProdNode}] {System.Net.Dns.GetHostName()}\n", hostname.StandardOutput);
    }

    [Fact]
    public async Task Scp_copies_files_up_and_down_and_directories_with_r()
    {
        TempDirectory work = fixture.Alice.Directory;
        string remote = $"/tmp/tsh-scp-{Guid.NewGuid():N}";
        byte[] content = RandomNumberGenerator.GetBytes(700_000);
        string local = work.Combine("upload.bin");
        await File.WriteAllBytesAsync(local, content);
        try
        {
            ProcessResult mkdir = await fixture.Alice.RunAsync("ssh", $"root@{Node}", "mkdir", remote);
            Assert.True(mkdir.ExitCode == 0, mkdir.ToString());

            ProcessResult up = await fixture.Alice.RunAsync("scp", local, $"root@{Node}:{remote}/up.bin");
            Assert.True(up.ExitCode == 0, up.ToString());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)) + "  " + remote + "/up.bin\n", (await fixture.Alice.RunAsync("ssh", $"root@{Node}", "sha256sum", $"{remote}/up.bin")).StandardOutput);

            string downloaded = work.Combine("down.bin");
            ProcessResult down = await fixture.Alice.RunAsync("scp", $"root@{Node}:{remote}/up.bin", downloaded);
            Assert.True(down.ExitCode == 0, down.ToString());
            Assert.Equal(SHA256.HashData(content), SHA256.HashData(await File.ReadAllBytesAsync(downloaded)));

            string tree = work.Combine("tree");
            Directory.CreateDirectory(Path.Combine(tree, "sub"));
            await File.WriteAllTextAsync(Path.Combine(tree, "a.txt"), "alpha\n");
            await File.WriteAllTextAsync(Path.Combine(tree, "sub", "b.txt"), "beta\n");
            ProcessResult refused = await fixture.Alice.RunAsync("scp", tree, $"root@{Node}:{remote}/");
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("use -r", refused.StandardError, StringComparison.Ordinal);

            ProcessResult upTree = await fixture.Alice.RunAsync("scp", "-r", tree, $"root@{Node}:{remote}/");
            Assert.True(upTree.ExitCode == 0, upTree.ToString());
            Assert.Equal("alpha\nbeta\n", (await fixture.Alice.RunAsync("ssh", $"root@{Node}", $"cat {remote}/tree/a.txt {remote}/tree/sub/b.txt")).StandardOutput);

            string back = work.Combine("back");
            ProcessResult downTree = await fixture.Alice.RunAsync("scp", "-r", $"root@{Node}:{remote}/tree", back);
            Assert.True(downTree.ExitCode == 0, downTree.ToString());
            Assert.Equal("alpha\n", await File.ReadAllTextAsync(Path.Combine(back, "a.txt")));
            Assert.Equal("beta\n", await File.ReadAllTextAsync(Path.Combine(back, "sub", "b.txt")));

            ProcessResult missing = await fixture.Alice.RunAsync("scp", $"root@{Node}:{remote}/nope", work.Combine("nope"));
            Assert.Equal(1, missing.ExitCode);
            Assert.Contains("No such file", missing.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            await fixture.Alice.RunAsync("ssh", $"root@{Node}", "rm", "-rf", remote);
        }
    }

    [Fact]
    public async Task Plain_OpenSSH_reaches_a_node_with_tsh_config_through_tsh_proxy_ssh()
    {
        ProcessResult config = await fixture.Alice.RunAsync("config");
        Assert.True(config.ExitCode == 0, config.ToString());
        string path = fixture.Alice.Directory.Combine("ssh_config");
        await File.WriteAllTextAsync(path, config.StandardOutput);

        ProcessResult ssh = await ExternalProcess.RunAsync(
            "ssh",
            ["-F", path, "-o", "BatchMode=yes", $"root@{Node}.{ProxyCluster.Cluster}", "echo via-openssh-$((1+1))"],
            new RunOptions { Environment = fixture.Alice.Environment });

        Assert.True(ssh.ExitCode == 0, ssh.ToString() + "\n" + config.StandardOutput);
        Assert.Equal("via-openssh-2\n", ssh.StandardOutput);

        ProcessResult unknown = await ExternalProcess.RunAsync(
            "ssh",
            ["-F", path, "-o", "BatchMode=yes", $"root@no-such-node.{ProxyCluster.Cluster}", "true"],
            new RunOptions { Environment = fixture.Alice.Environment });
        Assert.Equal(255, unknown.ExitCode);
        Assert.Contains("ERROR: node \"no-such-node\" not found in cluster itest", unknown.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interactive_ssh_on_a_terminal_runs_typed_commands_and_follows_resizes()
    {
        await using TshTmux tmux = await TshTmux.StartAsync(fixture.Alice, 100, 30, "ssh", $"root@{Node}");

        await tmux.TypeAsync("echo 'mark'$((6*7))'er' 'S1='$(stty size | tr ' ' x) 'T='$TERM");
        string shown = await tmux.WaitForLineAsync(line => line.StartsWith("mark42er ", StringComparison.Ordinal));
        Assert.Equal("mark42er S1=30x100 T=xterm", shown);

        await tmux.ResizeAsync(120, 40);
        await tmux.TypeAsync("until [ \"$(stty size)\" = '40 120' ]; do sleep 0.05; done; echo 'after'$((1+1)) 'S2='$(stty size | tr ' ' x)");
        Assert.Equal("after2 S2=40x120", await tmux.WaitForLineAsync(line => line.StartsWith("after2 ", StringComparison.Ordinal)));

        await tmux.TypeAsync("exit");
        await TshHome.WaitForAsync(async () => !await tmux.IsRunningAsync(), "tsh to end after exit", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Port_forwarding_with_L_and_R_and_agent_forwarding_with_A()
    {
        await using var echo = new EchoServer();
        int remoteListen = Ports.Free();
        ProcessResult remote = await fixture.Alice.RunAsync(
            "ssh", "-R", $"{remoteListen}:127.0.0.1:{echo.Port}", $"root@{Node}",
            $"exec 3<>/dev/tcp/127.0.0.1/{remoteListen} && echo ping >&3 && head -n1 <&3");
        Assert.True(remote.ExitCode == 0, remote.ToString());
        Assert.Equal("ping\n", remote.StandardOutput);
        Assert.Equal(1, echo.Accepted);

        int localListen = Ports.Free();
        using (System.Diagnostics.Process local = ExternalProcess.Start(
            Repository.Bin("tsh"), ["ssh", "-L", $"{localListen}:127.0.0.1:{echo.Port}", $"root@{Node}", "sleep 60"], environment: fixture.Alice.Environment))
        {
            try
            {
                await Eventually.WaitAsync(() => Ports.Accepts(localListen), $"tsh to listen on {localListen} for -L");
                Assert.Equal("through -L", await EchoServer.RoundTripAsync(localListen, "through -L"));
                Assert.True(echo.Accepted >= 2, "the -L connection reached the echo server through the node");
            }
            finally
            {
                local.Kill();
                await local.WaitForExitAsync();
            }
        }

        await using var agent = await TestAgent.StartAsync(fixture.Alice.Directory.Combine("agent"));
        ProcessResult forwarded = await ExternalProcess.RunAsync(
            Repository.Bin("tsh"), ["ssh", "-A", $"root@{Node}", "ssh-add -l"], new RunOptions { AuthSocket = agent.Socket, Environment = fixture.Alice.Environment });
        Assert.True(forwarded.ExitCode == 0, forwarded.ToString());
        Assert.Equal(agent.Fingerprint, forwarded.StandardOutput.Split(' ')[1]);
    }

    [Fact]
    public async Task Bench_runs_sessions_at_the_rate_and_prints_the_latency_percentiles()
    {
        ProcessResult bench = await fixture.Alice.RunAsync(["bench", "ssh", "--rate=10", "--duration=2s", $"root@{Node}", "echo", "bench"], null, TimeSpan.FromSeconds(120));

        Assert.True(bench.ExitCode == 0, bench.ToString());
        output.WriteLine(bench.StandardOutput);
        Assert.Contains("* Requests originated: 20\n* Requests failed: 0\n", bench.StandardOutput, StringComparison.Ordinal);
        string[] rows = [.. bench.StandardOutput.Split('\n').SkipWhile(l => !l.StartsWith("----------", StringComparison.Ordinal)).Skip(1).Where(l => l.Length > 0)];
        Assert.Equal(["25", "50", "75", "90", "95", "99", "100"], rows.Select(r => r.Split(' ')[0]));
        int[] millis = [.. rows.Select(r => int.Parse(r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture))];
        Assert.True(millis[0] > 0 && millis.SequenceEqual(millis.Order()), bench.StandardOutput);

        ProcessResult interactive = await fixture.Alice.RunAsync(["bench", "ssh", "--rate=5", "--duration=1s", "--interactive", $"root@{Node}", "true"], null, TimeSpan.FromSeconds(120));
        Assert.True(interactive.ExitCode == 0, interactive.ToString());
        Assert.Contains("* Requests failed: 0\n", interactive.StandardOutput, StringComparison.Ordinal);
    }
}
