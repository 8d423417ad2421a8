using System.Text;
using Teleport.Srv.Processes;
using Teleport.Ssh.Connection.Session;

namespace Teleport.Srv.Tests.Processes;

public sealed class LauncherUnitTests
{
    private static readonly UnixUser Alice = new("alice", 1000, 1000, "/home/alice", "/bin/bash", [1000, 27]);

    [Fact]
    public void Exec_arguments_survive_the_round_trip_including_awkward_argv()
    {
        var arguments = new ExecArguments(1000, 1000, [1000, 27, 100], "/home/a b", "/bin/sh", ["-sh", "--", "--uid=0", "", "a=b"]);

        List<string> encoded = arguments.Encode();
        ExecArguments? decoded = ExecArguments.Decode([.. encoded]);

        Assert.Equal("exec", encoded[0]);
        Assert.NotNull(decoded);
        Assert.Equal((1000, 1000, "/home/a b", "/bin/sh"), (decoded.Uid, decoded.Gid, decoded.Home, decoded.Program));
        Assert.Equal(arguments.Groups, decoded.Groups);
        Assert.Equal(arguments.Arguments, decoded.Arguments);
    }

    [Theory]
    [InlineData("exec")]
    [InlineData("exec --uid=1 --gid=1 --groups= --home=/ --program=/bin/sh --")]
    [InlineData("exec --uid=x --gid=1 --groups= --home=/ --program=/bin/sh -- sh")]
    [InlineData("exec --uid=1 --gid=1 --groups=1,x --home=/ --program=/bin/sh -- sh")]
    [InlineData("exec --gid=1 --groups= --home=/ --program=/bin/sh -- sh")]
    [InlineData("exec --uid=1 --gid=1 --groups= --home=/ --program=/bin/sh --shell=x -- sh")]
    public void Exec_arguments_that_are_not_ours_are_refused(string commandLine) =>
        Assert.Null(ExecArguments.Decode(commandLine.Split(' ')));

    [Fact]
    public void The_environment_needs_its_terminator()
    {
        byte[] encoded = ExecArguments.EncodeEnvironment(new Dictionary<string, string> { ["A"] = "1", ["B"] = "x=y é" });

        Assert.Equal(["A=1", "B=x=y é"], ExecArguments.DecodeEnvironment(encoded));
        Assert.Null(ExecArguments.DecodeEnvironment(encoded.AsSpan(0, encoded.Length - 1)));
        Assert.Null(ExecArguments.DecodeEnvironment(Encoding.UTF8.GetBytes("A=1")));
        Assert.Null(ExecArguments.DecodeEnvironment([]));
        Assert.Empty(ExecArguments.DecodeEnvironment([0])!);
    }

    [Fact]
    public void Only_root_may_start_sessions_as_someone_else()
    {
        UnixUser root = Alice with { Name = "root", Uid = 0, Gid = 0 };

        Assert.False(SessionProcess.NeedsUserSwitch(Alice, Alice));
        Assert.True(SessionProcess.NeedsUserSwitch(root, Alice));
        var error = Assert.Throws<SessionProcessException>(() => SessionProcess.NeedsUserSwitch(Alice, root));
        Assert.Equal("this node runs as alice: it can only start sessions as alice, not root", error.Message);
    }

    [Fact]
    public unsafe void Terminal_modes_set_and_clear_their_bits()
    {
        var termios = new Teleport.Srv.Processes.Native.Termios { LocalFlags = 0x8 | 0x2, ControlFlags = 0x30, InputFlags = 0 };

        TerminalModes.Apply(ref termios, new TerminalMode(53, 0));   // ECHO off
        TerminalModes.Apply(ref termios, new TerminalMode(42, 1));   // IUTF8 on
        TerminalModes.Apply(ref termios, new TerminalMode(90, 1));   // CS7
        TerminalModes.Apply(ref termios, new TerminalMode(3, 0x7f)); // VERASE ^?
        TerminalModes.Apply(ref termios, new TerminalMode(1, 255));  // VINTR disabled
        TerminalModes.Apply(ref termios, new TerminalMode(11, 1));   // VDSUSP: not on Linux, ignored

        Assert.Equal(0x2u, termios.LocalFlags);
        Assert.Equal(0x4000u, termios.InputFlags);
        Assert.Equal(0x20u, termios.ControlFlags);
        Assert.Equal(0x7f, termios.ControlCharacters[2]);
        Assert.Equal(0, termios.ControlCharacters[0]);
    }
}
