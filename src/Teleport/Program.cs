using System.CommandLine;
using Teleport.Commands;

// The teleport daemon: argument parsing and wiring only.
var root = new RootCommand("Teleport: an identity-aware access plane for SSH infrastructure.");
root.Subcommands.Add(StartCommand.Create());
root.Subcommands.Add(ConfigureCommand.Create());
root.Subcommands.Add(VersionCommand.Create());
return await root.Parse(args).InvokeAsync();
