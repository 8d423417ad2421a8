using System.Globalization;
using Teleport.Srv.Processes;

namespace Teleport.Srv.Tests.Processes;

/// <summary>Sessions as another OS user, through the published <c>teleport exec</c> helper (as root).</summary>
public sealed class OtherUserTests
{
    [Fact]
    public async Task The_program_runs_with_the_users_ids_groups_and_home_and_cannot_regain_root()
    {
        UnixUser user = await TestAccount.EnsureAsync();
        const string Script = """
            id -u; id -g; id -G; pwd; echo "$GREETING"
            perl -MPOSIX -e 'print POSIX::setuid(0) ? "regained\n" : "denied\n"'
            ls /proc/self/fd | tr '\n' ' '; echo
            grep SigIgn /proc/self/status
            """;
        SessionProcessSpec spec = Sessions.Shell(Script, user: user, helper: TestAccount.Helper) with
        {
            Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["GREETING"] = "hello there", ["DOTNET_STARTUP_HOOKS"] = "/not/loaded/as/root.dll" },
        };
        await using SessionProcess process = SessionProcess.Start(spec);
        Task<string> stdout = Sessions.ReadAllAsync(process.Output);
        Task<string> stderr = Sessions.ReadAllAsync(process.Error!);

        string[] lines = (await stdout).Split('\n');
        Assert.Equal("", await stderr);
        Assert.Equal(0, (await Sessions.ExitAsync(process)).ExitCode);
        Assert.Equal(user.Uid.ToString(CultureInfo.InvariantCulture), lines[0]);
        Assert.Equal(user.Gid.ToString(CultureInfo.InvariantCulture), lines[1]);
        Assert.Equal(user.Groups.Order(), lines[2].Split(' ').Select(int.Parse).Order());
        Assert.Contains(UnixUser.LookupGroupId(TestAccount.ExtraGroup)!.Value, user.Groups);
        Assert.Equal(user.Home, lines[3]);
        Assert.Equal("hello there", lines[4]);
        Assert.Equal("denied", lines[5]);
        Assert.Equal("0 1 2 3 ", lines[6]);
        Assert.Equal(0UL, ulong.Parse(lines[7]["SigIgn:\t".Length..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) & 0x7fffffff);
        Assert.False(File.Exists($"/tmp/dotnet-diagnostic-{process.Pid}-0-socket"));
        Assert.Empty(Directory.GetFiles("/tmp", $"dotnet-diagnostic-{process.Pid}-*"));
    }

    [Fact]
    public async Task The_users_terminal_belongs_to_the_user_and_ctrl_c_interrupts()
    {
        UnixUser user = await TestAccount.EnsureAsync();
        SessionProcessSpec spec = Sessions.Shell("stat -c '%U %G %a' $(tty); echo ready; exec sleep 100", Sessions.Pty(), user, TestAccount.Helper);
        await using SessionProcess process = SessionProcess.Start(spec);
        var output = new Sessions.Collector(process.Output);
        await output.WaitForAsync("ready\r\n");

        await Eventually.WaitAsync(() => File.Exists($"/proc/{process.Pid}/cmdline") && File.ReadAllText($"/proc/{process.Pid}/cmdline").StartsWith("sleep", StringComparison.Ordinal), "the shell to exec sleep", Sessions.Timeout);
        await Sessions.WriteAsync(process, "\u0003");

        Assert.Equal("INT", (await Sessions.ExitAsync(process)).SignalName);
        string group = UnixUser.LookupGroupId("tty") is null ? user.Name : "tty";
        Assert.StartsWith($"{TestAccount.Name} {group} 620\r\n", output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_home_falls_back_to_the_root_directory_with_OpenSSHs_message()
    {
        UnixUser user = await TestAccount.EnsureAsync() with { Home = "/nonexistent/tp-srv-test" };
        await using SessionProcess process = SessionProcess.Start(Sessions.Shell("pwd", user: user, helper: TestAccount.Helper));
        Task<string> stdout = Sessions.ReadAllAsync(process.Output);
        Task<string> stderr = Sessions.ReadAllAsync(process.Error!);

        Assert.Equal("/\n", await stdout);
        Assert.Equal("Could not chdir to home directory /nonexistent/tp-srv-test: No such file or directory\r\n", await stderr);
    }

    [Fact]
    public async Task A_missing_program_exits_127_with_a_message()
    {
        UnixUser user = await TestAccount.EnsureAsync();
        SessionProcessSpec spec = Sessions.Shell("", user: user, helper: TestAccount.Helper) with { Program = "/nonexistent/program", Arguments = ["program"] };
        await using SessionProcess process = SessionProcess.Start(spec);
        Task<string> stderr = Sessions.ReadAllAsync(process.Error!);

        Assert.Equal(127, (await Sessions.ExitAsync(process)).ExitCode);
        Assert.Equal("cannot run /nonexistent/program: No such file or directory\r\n", await stderr);
    }

    [Fact]
    public void A_missing_helper_is_refused_with_the_reason()
    {
        UnixUser user = UnixUser.Lookup("nobody")!;

        var error = Assert.Throws<SessionProcessException>(() => SessionProcess.Start(Sessions.Shell("true", user: user, helper: "/nonexistent/teleport")));

        Assert.Equal("cannot start the session helper /nonexistent/teleport: No such file or directory", error.Message);
    }
}
