using System.CommandLine;
using System.Globalization;
using Teleport.Api.Client;
using Teleport.Api.Client.Messages;
using Teleport.Api.Types;

namespace Tctl.Commands;

/// <summary>tctl tokens add | ls | rm.</summary>
internal static class TokensCommand
{
    public static Command Create()
    {
        var tokens = new Command("tokens", "List or revoke invitation tokens.");
        tokens.Subcommands.Add(Add());
        tokens.Subcommands.Add(List());
        tokens.Subcommands.Add(Remove());
        return tokens;
    }

    private static Command Add()
    {
        var type = new Option<string>("--type") { Description = "Type(s) of token to add, e.g. --type=node or --type=node,proxy.", Required = true };
        var ttl = new Option<string>("--ttl") { Description = "Set expiration time for token, default is 30 minutes.", DefaultValueFactory = _ => "30m" };
        var value = new Option<string?>("--value") { Description = "Override the default random generated token with a specified value." };
        var command = new Command("add", "Create an invitation token.") { type, ttl, value };
        command.SetAction(async (result, cancellationToken) =>
        {
            TctlContext context = TctlContext.Load(result);
            using AuthClient client = context.Connect();
            ProvisionToken token = await client.CreateTokenAsync(new CreateTokenMessage(UsersCommand.Split(result.GetValue(type)), result.GetValue(ttl), result.GetValue(value)), cancellationToken);
            PingResponse ping = await client.PingAsync(cancellationToken);
            TimeSpan lifetime = Duration.Parse(result.GetValue(ttl)!).ToTimeSpan();
            string roles = string.Join(",", token.Spec.Roles.Select(r => r.ToLowerInvariant()));
            string ttlText = Describe(lifetime);
            Console.WriteLine($"The invite token: {token.Metadata.Name}");
            Console.WriteLine($"This token will expire in {ttlText}.");
            Console.WriteLine();
            Console.WriteLine("Run this on the new node to join the cluster:");
            Console.WriteLine();
            Console.WriteLine("> teleport start \\");
            Console.WriteLine($"   --roles={roles} \\");
            Console.WriteLine($"   --token={token.Metadata.Name} \\");
            Console.WriteLine($"   --ca-pin={ping.CaPin} \\");
            Console.WriteLine($"   --auth-server={context.AuthAddress}");
            Console.WriteLine();
            Console.WriteLine("Please note:");
            Console.WriteLine();
            Console.WriteLine($"  - This invitation token will expire in {ttlText}");
            Console.WriteLine($"  - {context.AuthAddress} must be reachable from the new node");
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("ls", "List node and user invitation tokens.");
        command.SetAction(async (result, cancellationToken) =>
        {
            using AuthClient client = TctlContext.Load(result).Connect();
            var table = new TextTable("Token", "Type", "Labels", "Expiry Time (UTC)");
            foreach (ProvisionToken token in (await client.GetResourcesAsync(ResourceKinds.Token, cancellationToken)).Cast<ProvisionToken>())
            {
                table.Add(
                    token.Metadata.Name,
                    string.Join(",", token.Spec.Roles),
                    string.Join(",", token.Metadata.Labels.Select(l => $"{l.Key}={l.Value}")),
                    token.Metadata.Expires is { } expires ? expires.UtcDateTime.ToString("dd MMM yy HH:mm UTC", CultureInfo.InvariantCulture) : "never");
            }

            Console.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Remove()
    {
        var token = new Argument<string>("token") { Description = "Token to delete." };
        var command = new Command("rm", "Delete/revoke an invitation token.") { token };
        command.SetAction(async (result, cancellationToken) =>
        {
            using AuthClient client = TctlContext.Load(result).Connect();
            await client.DeleteResourceAsync(ResourceKinds.Token, result.GetValue(token)!, cancellationToken);
            Console.WriteLine($"Token {result.GetValue(token)} has been deleted");
            return 0;
        });
        return command;
    }

    private static string Describe(TimeSpan ttl) => ttl.TotalHours >= 1 && ttl.TotalMinutes % 60 == 0
        ? $"{ttl.TotalHours} hour{(ttl.TotalHours == 1 ? "" : "s")}"
        : $"{Math.Round(ttl.TotalMinutes)} minutes";
}
