using System.CommandLine;
using Teleport.Api;

namespace Tsh.Commands;

/// <summary>tsh version.</summary>
internal static class VersionCommand
{
    public const string Text = "Teleport v" + TeleportVersion.Current + " (tsh)";

    public static Command Create()
    {
        var command = new Command("version", "Print the version.");
        command.SetAction(_ =>
        {
            Console.WriteLine(Text);
            return 0;
        });
        return command;
    }
}
