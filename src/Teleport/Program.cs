using System.CommandLine;
using Teleport.Commands;

// The teleport daemon: argument parsing and wiring only.
// `teleport exec` is the node's user-switch helper: every session started as another user pays
// its start-up, so it runs before any command-line machinery is built.
if (args is ["exec", ..])
{
    return Teleport.Srv.Processes.ExecHelper.Run(args);
}

// The SFTP subsystem child starts for every transfer: it skips building the command tree too.
if (args is ["sftp", ..])
{
    return await SftpSubsystem.RunAsync(args);
}

var root = new RootCommand("Teleport: an identity-aware access plane for SSH infrastructure.");
root.Subcommands.Add(StartCommand.Create());
root.Subcommands.Add(ConfigureCommand.Create());
root.Subcommands.Add(VersionCommand.Create());
return await root.Parse(args).InvokeAsync();
