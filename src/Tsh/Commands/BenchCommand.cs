using System.CommandLine;
using Teleport.Api.Types;
using Teleport.Client;
using Teleport.Client.Bench;
using Teleport.Client.Profiles;
using Teleport.Client.Ssh;

namespace Tsh.Commands;

/// <summary>tsh bench ssh: sessions at a steady rate, then the latency percentiles.</summary>
internal static class BenchCommand
{
    public static readonly IReadOnlySet<string> OptionsWithValue = new HashSet<string>(StringComparer.Ordinal) { "--rate", "--duration", "-p", "--port" };

    public static Command Create(TshContext context)
    {
        var rate = new Option<int>("--rate") { Description = "Sessions started per second.", DefaultValueFactory = _ => 10 };
        var duration = new Option<string>("--duration") { Description = "How long to run, such as 10s or 1m.", DefaultValueFactory = _ => "1s" };
        var interactive = new Option<bool>("--interactive") { Description = "Type the command into a shell on a PTY instead of exec." };
        var port = new Option<int>("--port", "-p") { Description = "SSH port on the node [the node's own]." };
        var words = new Argument<string[]>("[user@]host command...") { Arity = new ArgumentArity(2, 100_000) };
        var ssh = new Command("ssh", "Run SSH benchmark test.") { rate, duration, interactive, port, words };
        ssh.SetAction(async (result, cancellationToken) =>
        {
            string[] arguments = result.GetValue(words)!;
            if (!Duration.TryParse(result.GetValue(duration), out Duration length) || length <= Duration.Zero)
            {
                throw new ClientException($"invalid --duration \"{result.GetValue(duration)}\": use a duration such as 10s");
            }

            ActiveProfile active = context.Active();
            SshTarget target = SshTarget.Parse(arguments[0], active.Profile.Cluster);
            if (target.IsLabelTarget)
            {
                throw new ClientException("tsh bench needs one node, not a label target");
            }

            BenchResult report = await BenchRunner.RunAsync(
                new ClusterClient(active, context.Clock),
                new BenchOptions
                {
                    Login = target.Login ?? TshContext.LocalUser,
                    Host = target.Host,
                    Port = result.GetValue(port) is > 0 and var p ? p : target.Port,
                    Command = string.Join(' ', arguments[1..]),
                    Rate = result.GetValue(rate),
                    Duration = length.ToTimeSpan(),
                    Interactive = result.GetValue(interactive),
                },
                cancellationToken);
            Console.Write(report);
            return report.RequestsFailed == 0 ? 0 : 1;
        });
        var command = new Command("bench", "Run Teleport benchmark tests.");
        command.Subcommands.Add(ssh);
        return command;
    }
}
