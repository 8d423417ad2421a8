using System.CommandLine;
using Teleport.Client;
using Teleport.Client.Login;
using Teleport.Client.Profiles;

namespace Tsh.Commands;

/// <summary>tsh login: password and second factor for short-lived certificates.</summary>
internal static class LoginCommand
{
    public static Command Create(TshContext context)
    {
        var proxy = new Option<string?>("--proxy") { Description = "Web proxy address, host[:3080]." };
        var user = new Option<string?>("--user") { Description = "Teleport user name [$USER]." };
        var ttl = new Option<string?>("--ttl") { Description = "Certificate lifetime, such as 12h or 30m [the cluster's default]." };
        var insecure = new Option<bool>("--insecure") { Description = "Do not verify the proxy's HTTPS certificate (self-signed proxies only)." };
        var command = new Command("login", "Log in to a cluster and retrieve the session certificate.") { proxy, user, ttl, insecure };
        command.SetAction(async (result, cancellationToken) =>
        {
            ClientProfile? current = context.Store.CurrentProfile();
            string proxyAddr = result.GetValue(proxy) ?? current?.WebProxyAddr
                ?? throw new ClientException("the proxy address is required: tsh login --proxy=<host>[:3080]");
            ClientProfile profile = await LoginFlow.LoginAsync(
                new LoginOptions
                {
                    Proxy = proxyAddr,
                    User = result.GetValue(user) ?? TshContext.LocalUser,
                    Ttl = result.GetValue(ttl),
                    Insecure = result.GetValue(insecure) || (result.GetValue(proxy) is null && current?.Insecure == true),
                },
                new ConsolePrompt(),
                context.Store,
                cancellationToken);
            Console.Write(ProfileStatus.Format(profile, context.Store.LoadKeys(profile), context.Clock));
            return 0;
        });
        return command;
    }
}
