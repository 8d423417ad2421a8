using Teleport.Srv.Processes;
using Teleport.Ssh.Connection.Session;

namespace Teleport.Srv.Tests.Processes;

public sealed class PtySessionTests
{
    [Fact]
    public async Task The_program_runs_on_its_pts_with_the_requested_size()
    {
        await using SessionProcess process = SessionProcess.Start(Sessions.Shell("tty; stty size; echo $TERM", Sessions.Pty(columns: 123, rows: 45)));

        string output = await Sessions.ReadAllAsync(process.Output);

        Assert.Null(process.Error);
        Assert.Matches("^/dev/pts/[0-9]+$", process.TtyName);
        Assert.Equal($"{process.TtyName}\r\n45 123\r\nxterm\r\n", output);
        Assert.Equal(0, (await Sessions.ExitAsync(process)).ExitCode);
    }

    [Fact]
    public async Task Resize_changes_the_size_the_program_sees()
    {
        await using SessionProcess process = SessionProcess.Start(Sessions.Shell("stty size; read line; stty size", Sessions.Pty(columns: 80, rows: 24)));
        var output = new Sessions.Collector(process.Output);
        await output.WaitForAsync("24 80\r\n");

        process.Resize(132, 50, 0, 0);
        await Sessions.WriteAsync(process, "go\n");

        await output.WaitForAsync("50 132\r\n");
        Assert.Equal(0, (await Sessions.ExitAsync(process)).ExitCode);
    }

    [Fact]
    public async Task Terminal_modes_are_applied()
    {
        PtyOptions pty = Sessions.Pty(80, 24,
            new TerminalMode(53, 0),      // ECHO off
            new TerminalMode(1, 1),       // VINTR ^A
            new TerminalMode(42, 1),      // IUTF8
            new TerminalMode(36, 0),      // ICRNL off
            new TerminalMode(72, 0),      // ONLCR off
            new TerminalMode(128, 38400), // TTY_OP_ISPEED
            new TerminalMode(129, 38400));
        await using SessionProcess process = SessionProcess.Start(Sessions.Shell("stty -a", pty));

        string output = await Sessions.ReadAllAsync(process.Output);

        Assert.Contains(" -echo ", output, StringComparison.Ordinal);
        Assert.Contains("intr = ^A;", output, StringComparison.Ordinal);
        Assert.Contains(" iutf8", output, StringComparison.Ordinal);
        Assert.Contains(" -icrnl ", output, StringComparison.Ordinal);
        Assert.Contains(" -onlcr ", output, StringComparison.Ordinal);
        Assert.Contains("speed 38400 baud", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pts_is_the_controlling_terminal_of_a_new_session()
    {
        // /proc/PID/stat fields 6-8: session, tty_nr, tpgid (the terminal's foreground group).
        await using SessionProcess process = SessionProcess.Start(Sessions.Shell("cut -d' ' -f6,8 /proc/$$/stat", Sessions.Pty()));

        string output = await Sessions.ReadAllAsync(process.Output);

        Assert.Equal($"{process.Pid} {process.Pid}\r\n", output);
    }

    [Fact]
    public async Task Ctrl_C_on_the_terminal_interrupts_the_foreground_program()
    {
        SessionProcessSpec spec = Sessions.Shell("", Sessions.Pty()) with { Program = "/bin/sleep", Arguments = ["sleep", "100"] };
        await using SessionProcess process = SessionProcess.Start(spec);
        var output = new Sessions.Collector(process.Output);

        await Sessions.WriteAsync(process, "\u0003");

        ProcessExit exit = await Sessions.ExitAsync(process);
        Assert.Equal("INT", exit.SignalName);
        await output.Completion.WaitAsync(Sessions.Timeout);
    }

    [Fact]
    public async Task Output_ends_when_the_program_exits_even_with_output_pending()
    {
        await using SessionProcess process = SessionProcess.Start(Sessions.Shell("seq 1 20000", Sessions.Pty()));

        string output = await Sessions.ReadAllAsync(process.Output);

        Assert.EndsWith("19999\r\n20000\r\n", output, StringComparison.Ordinal);
        Assert.Equal(0, (await Sessions.ExitAsync(process)).ExitCode);
    }

    [Fact]
    public async Task Dispose_hangs_up_a_shell_on_a_terminal()
    {
        SessionProcess process = SessionProcess.Start(Sessions.Shell("echo ready; read line", Sessions.Pty()));
        var output = new Sessions.Collector(process.Output);
        await output.WaitForAsync("ready");

        await process.DisposeAsync();

        Assert.Equal(1, (await Sessions.ExitAsync(process)).Signal);
        Assert.False(SessionProcessTests.IsRunning(process.Pid));
    }
}
