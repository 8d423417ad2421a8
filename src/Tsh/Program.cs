using System.CommandLine;
using Teleport.Client;
using Tsh;
using Tsh.Commands;

// tsh: the user's client. Argument parsing and wiring only (see docs/tsh.md).
if (args is ["version"] or ["--version"])
{
    // Answered before the parser loads: scripts call this to probe for tsh.
    Console.WriteLine(VersionCommand.Text);
    return 0;
}

args = args switch
{
    ["ssh", ..] => ArgumentSeparator.Insert(args, 1, SshCommand.OptionsWithValue),
    ["bench", "ssh", ..] => ArgumentSeparator.Insert(args, 2, BenchCommand.OptionsWithValue),
    _ => args,
};

var context = new TshContext();
var root = new RootCommand("Teleport user client: log in to a cluster, list nodes, ssh and scp to them.");
root.Subcommands.Add(LoginCommand.Create(context));
root.Subcommands.Add(LogoutCommand.Create(context));
root.Subcommands.Add(StatusCommand.Create(context));
root.Subcommands.Add(LsCommand.Create(context));
root.Subcommands.Add(SshCommand.Create(context));
root.Subcommands.Add(ScpCommand.Create(context));
root.Subcommands.Add(ConfigCommand.Create(context));
root.Subcommands.Add(ProxyCommand.Create(context));
root.Subcommands.Add(BenchCommand.Create(context));
root.Subcommands.Add(VersionCommand.Create());
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    // Never a stack trace: the user sees what went wrong and what to do (docs/tsh.md, exit codes).
    Console.Error.WriteLine("ERROR: " + (e is ClientException ? e.Message : Describe(e)));
    return 1;
}

static string Describe(Exception e) =>
    e is AggregateException { InnerException: { } inner } ? Describe(inner) : e.Message;
