using System.CommandLine;
using Teleport.Client.OpenSsh;
using Teleport.Client.Profiles;

namespace Tsh.Commands;

/// <summary>tsh config: an ssh_config block for plain OpenSSH.</summary>
internal static class ConfigCommand
{
    public static Command Create(TshContext context)
    {
        var command = new Command("config", "Print OpenSSH configuration details.");
        command.SetAction(_ =>
        {
            ActiveProfile active = context.Active(allowExpired: true);
            string tsh = Environment.ProcessPath ?? "tsh";
            Console.Write(SshConfigWriter.Write(active.Profile, context.Store, tsh, Environment.GetEnvironmentVariable(ProfileStore.HomeVariable)));
            return 0;
        });
        return command;
    }
}
