using System.CommandLine;
using Teleport.Api.Client;
using Teleport.Api.Client.Messages;
using Teleport.Api.Types;

namespace Tctl.Commands;

/// <summary>tctl users add | ls | rm | reset | update.</summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var users = new Command("users", "Manage user accounts.");
        users.Subcommands.Add(Add());
        users.Subcommands.Add(List());
        users.Subcommands.Add(Remove());
        users.Subcommands.Add(Reset());
        users.Subcommands.Add(Update());
        return users;
    }

    private static Command Add()
    {
        var name = new Argument<string>("account") { Description = "Teleport user account name." };
        var roles = new Option<string?>("--roles") { Description = "List of roles for the new user to assume.", Required = true };
        var logins = new Option<string?>("--logins") { Description = "List of allowed SSH logins for the new user." };
        var command = new Command("add", "Generate a user invitation token.") { name, roles, logins };
        command.SetAction(async (result, cancellationToken) =>
        {
            using AuthClient client = TctlContext.Load(result).Connect();
            InvitationMessage invitation = await client.CreateUserAsync(
                new CreateUserMessage(result.GetValue(name)!, Split(result.GetValue(roles)), Split(result.GetValue(logins))), cancellationToken);
            PrintInvitation($"User \"{invitation.User}\" has been created but requires a password", invitation);
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("ls", "Lists all user accounts.");
        command.SetAction(async (result, cancellationToken) =>
        {
            using AuthClient client = TctlContext.Load(result).Connect();
            var table = new TextTable("User", "Roles");
            foreach (User user in (await client.GetResourcesAsync(ResourceKinds.User, cancellationToken)).Cast<User>().OrderBy(u => u.Metadata.Name, StringComparer.Ordinal))
            {
                table.Add(user.Metadata.Name, string.Join(",", user.Spec.Roles));
            }

            Console.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Remove()
    {
        var name = new Argument<string>("logins") { Description = "Comma-separated list of user logins to delete." };
        var command = new Command("rm", "Deletes user accounts.") { name };
        command.SetAction(async (result, cancellationToken) =>
        {
            using AuthClient client = TctlContext.Load(result).Connect();
            foreach (string user in Split(result.GetValue(name)))
            {
                await client.DeleteResourceAsync(ResourceKinds.User, user, cancellationToken);
                Console.WriteLine($"User \"{user}\" has been deleted");
            }

            return 0;
        });
        return command;
    }

    private static Command Reset()
    {
        var name = new Argument<string>("account") { Description = "Teleport user account name." };
        var command = new Command("reset", "Reset user account credentials.") { name };
        command.SetAction(async (result, cancellationToken) =>
        {
            using AuthClient client = TctlContext.Load(result).Connect();
            InvitationMessage invitation = await client.ResetUserAsync(result.GetValue(name)!, cancellationToken);
            PrintInvitation($"User \"{invitation.User}\" has been reset", invitation);
            return 0;
        });
        return command;
    }

    private static Command Update()
    {
        var name = new Argument<string>("account") { Description = "Teleport user account name." };
        var setRoles = new Option<string?>("--set-roles") { Description = "List of roles for the user to assume, replacing the current roles." };
        var setLogins = new Option<string?>("--set-logins") { Description = "List of allowed SSH logins for the user, replacing the current ones." };
        var command = new Command("update", "Update user account.") { name, setRoles, setLogins };
        command.SetAction(async (result, cancellationToken) =>
        {
            string? roles = result.GetValue(setRoles);
            string? logins = result.GetValue(setLogins);
            if (roles is null && logins is null)
            {
                throw new TctlException("nothing to update: give --set-roles or --set-logins");
            }

            using AuthClient client = TctlContext.Load(result).Connect();
            User user = await client.UpdateUserAsync(result.GetValue(name)!, new UpdateUserMessage(roles is null ? null : Split(roles), logins is null ? null : Split(logins)), cancellationToken);
            Console.WriteLine($"User {user.Metadata.Name} has been updated:");
            Console.WriteLine($"\troles: {string.Join(",", user.Spec.Roles)}");
            if (user.Spec.Traits.TryGetValue("logins", out ValueList<string>? allowed))
            {
                Console.WriteLine($"\tlogins: {string.Join(",", allowed)}");
            }

            return 0;
        });
        return command;
    }

    internal static string[] Split(string? list) => list is null ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void PrintInvitation(string headline, InvitationMessage invitation)
    {
        TimeSpan valid = invitation.Expires - DateTimeOffset.UtcNow;
        string host = new Uri(invitation.Url).Authority;
        Console.WriteLine($"{headline}. Share this URL with the user to complete user setup, link is valid for {Math.Round(valid.TotalHours)}h:");
        Console.WriteLine(invitation.Url);
        Console.WriteLine();
        Console.WriteLine($"NOTE: Make sure {host} points at a Teleport proxy which users can access.");
    }
}
