using System.Runtime.InteropServices;
using Teleport.Srv.Processes;
using Teleport.Ssh.Connection.Session;

namespace Teleport.Srv.Tests.Processes;

public sealed partial class SessionProcessTests
{
    [Fact]
    public async Task Exec_without_pty_separates_stdout_and_stderr_and_reports_the_exit_code()
    {
        await using SessionProcess process = SessionProcess.Start(Sessions.Shell("echo out; echo err >&2; exit 3"));
        Task<string> stdout = Sessions.ReadAllAsync(process.Output);
        Task<string> stderr = Sessions.ReadAllAsync(process.Error!);

        Assert.Equal("out\n", await stdout);
        Assert.Equal("err\n", await stderr);
        Assert.Equal(new ProcessExit(3, null, false), await Sessions.ExitAsync(process));
        Assert.Null(process.TtyName);
    }

    [Fact]
    public async Task CloseInput_gives_the_program_end_of_file()
    {
        await using SessionProcess process = SessionProcess.Start(Sessions.Shell("wc -c"));
        Task<string> stdout = Sessions.ReadAllAsync(process.Output);
        await Sessions.WriteAsync(process, "hello");
        process.CloseInput();

        Assert.Equal("5", (await stdout).Trim());
        Assert.Equal(0, (await Sessions.ExitAsync(process)).ExitCode);
    }

    [Fact]
    public async Task A_death_by_signal_is_reported_as_the_signal()
    {
        await using SessionProcess process = SessionProcess.Start(Sessions.Shell("kill -TERM $$"));

        ProcessExit exit = await Sessions.ExitAsync(process);

        Assert.Equal(new ProcessExit(null, 15, false), exit);
        Assert.Equal("TERM", exit.SignalName);
    }

    [Fact]
    public async Task Signal_reaches_the_process_group()
    {
        // The shell waits for sleep, both in the session's group: USR1's default action kills them.
        await using SessionProcess process = SessionProcess.Start(Sessions.Shell("echo ready; sleep 100; echo survived"));
        var stdout = new Sessions.Collector(process.Output);
        await stdout.WaitForAsync("ready");

        process.Signal(10);

        Assert.Equal(10, (await Sessions.ExitAsync(process)).Signal);
        await stdout.Completion.WaitAsync(Sessions.Timeout);
        Assert.DoesNotContain("survived", stdout.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_while_running_hangs_up_the_group_and_leaves_nothing_running()
    {
        SessionProcess process = SessionProcess.Start(Sessions.Shell("sleep 100 & echo $!; wait"));
        var stdout = new Sessions.Collector(process.Output);
        await stdout.WaitForAsync("\n");
        int sleeper = int.Parse(stdout.Text.Trim(), System.Globalization.CultureInfo.InvariantCulture);

        await process.DisposeAsync();

        Assert.Equal(1, (await Sessions.ExitAsync(process)).Signal);
        await Eventually.WaitAsync(() => !IsRunning(sleeper), $"the background sleep {sleeper} to die", Sessions.Timeout);
        Assert.False(IsRunning(process.Pid));
    }

    [Fact]
    public async Task A_missing_home_falls_back_to_the_root_directory_with_a_message()
    {
        UnixUser user = UnixUser.Current with { Home = "/nonexistent/home/for-the-test" };
        await using SessionProcess process = SessionProcess.Start(Sessions.Shell("pwd", user: user));
        Task<string> stdout = Sessions.ReadAllAsync(process.Output);
        Task<string> stderr = Sessions.ReadAllAsync(process.Error!);

        Assert.Equal("/\n", await stdout);
        Assert.Contains("Could not chdir to home directory /nonexistent/home/for-the-test: No such file or directory", await stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await Sessions.ExitAsync(process)).ExitCode);
    }

    [Fact]
    public async Task The_program_starts_in_the_home_directory()
    {
        await using SessionProcess process = SessionProcess.Start(Sessions.Shell("pwd", user: UnixUser.Current with { Home = "/tmp" }));

        Assert.Equal("/tmp\n", await Sessions.ReadAllAsync(process.Output));
    }

    [Fact]
    public void A_missing_program_run_directly_is_refused_with_the_reason()
    {
        SessionProcessSpec spec = Sessions.Shell("true") with { Program = "/nonexistent/program" };

        var error = Assert.Throws<SessionProcessException>(() => SessionProcess.Start(spec));

        Assert.Equal("cannot run /nonexistent/program: No such file or directory", error.Message);
    }

    [Fact]
    public async Task The_program_inherits_only_its_standard_descriptors_and_default_signals()
    {
        await using SessionProcess process = SessionProcess.Start(Sessions.Shell("ls /proc/self/fd | tr '\\n' ' '; echo; grep -E '^Sig(Blk|Ign)' /proc/self/status"));

        string output = await Sessions.ReadAllAsync(process.Output);

        // 3 is the directory ls itself reads.
        Assert.StartsWith("0 1 2 3 \n", output, StringComparison.Ordinal);
        Assert.Contains("SigBlk:\t0000000000000000", output, StringComparison.Ordinal);
        // Signals 1-31: glibc's posix_spawn leaves its internal 32 and 33 ignored, which glibc programs override.
        Assert.Equal(0UL, ulong.Parse(output.Split('\n')[2]["SigIgn:\t".Length..], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) & 0x7fffffff);
    }

    [Fact]
    public void Lookup_finds_root_and_not_an_unknown_login()
    {
        UnixUser? root = UnixUser.Lookup("root");

        Assert.NotNull(root);
        Assert.Equal(0, root.Uid);
        Assert.Equal(0, root.Gid);
        Assert.Equal("/root", root.Home);
        Assert.Contains(0, root.Groups);
        Assert.Null(UnixUser.Lookup("no-such-user-tp-srv"));
        Assert.Equal((int)GetEUid(), UnixUser.Current.Uid);
    }

    /// <summary>Alive and not a zombie waiting for a parent (pid 1 of a container may not reap).</summary>
    internal static bool IsRunning(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    internal static partial uint GetEUid();
}
