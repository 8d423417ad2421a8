using System.CommandLine;
using Teleport.Client.Profiles;

namespace Tsh.Commands;

/// <summary>tsh logout: removes the current profile's keys and profile.</summary>
internal static class LogoutCommand
{
    public static Command Create(TshContext context)
    {
        var command = new Command("logout", "Delete the cluster certificate and keys.");
        command.SetAction(_ =>
        {
            ClientProfile? profile = context.Store.CurrentProfile();
            if (profile is null)
            {
                Console.WriteLine("You are not logged in.");
                return 0;
            }

            context.Store.Remove(profile);
            Console.WriteLine($"Logged out {profile.User} from {profile.ProxyHost}.");
            return 0;
        });
        return command;
    }
}
