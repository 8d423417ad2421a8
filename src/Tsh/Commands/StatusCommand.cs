using System.CommandLine;
using Teleport.Client.Profiles;

namespace Tsh.Commands;

/// <summary>tsh status: the current profile, even when its certificate expired (it says so).</summary>
internal static class StatusCommand
{
    public static Command Create(TshContext context)
    {
        var command = new Command("status", "Display the list of proxy servers and retrieved certificates.");
        command.SetAction(_ =>
        {
            ActiveProfile active = context.Active(allowExpired: true);
            Console.Write(ProfileStatus.Format(active.Profile, active.Keys, context.Clock));
            return 0;
        });
        return command;
    }
}
