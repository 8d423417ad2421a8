using System.CommandLine;

namespace Teleport.Commands;

internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the version.");
        command.SetAction(_ => Console.WriteLine($"Teleport v{Teleport.Auth.Api.Version.Current} (.NET {Environment.Version})"));
        return command;
    }
}
