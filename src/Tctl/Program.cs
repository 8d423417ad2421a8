using System.CommandLine;
using Tctl;
using Tctl.Commands;
using Teleport.Api.Client;

// tctl: the admin tool. Argument parsing and wiring only.
var root = new RootCommand("Admin tool for the Teleport Access Platform.") { TctlContext.ConfigOption, TctlContext.AuthServerOption };
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(UsersCommand.Create());
root.Subcommands.Add(TokensCommand.Create());
root.Subcommands.Add(ResourceCommands.Get());
root.Subcommands.Add(ResourceCommands.CreateResource());
root.Subcommands.Add(ResourceCommands.Remove());
root.Subcommands.Add(NodesCommand.Create());
root.Subcommands.Add(AuditCommand.Create());
root.Subcommands.Add(AuthCommand.Create());
root.Subcommands.Add(new Command("version", "Print the version.") { Action = new VersionAction() });
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is TctlException or AuthApiException or IOException or UnauthorizedAccessException or Teleport.Api.Types.ResourceValidationException or Teleport.Ssh.SshException)
{
    await Console.Error.WriteLineAsync("ERROR: " + e.Message);
    return 1;
}
