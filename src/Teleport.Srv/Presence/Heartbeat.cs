using Microsoft.Extensions.Logging;
using Teleport.Api.Client;
using Teleport.Api.Hosting;
using Teleport.Api.Types;

namespace Teleport.Srv.Presence;

/// <summary>
/// Keeps the node listed in Auth: its node resource (uuid, hostname, address, static and command
/// labels) every interval, living for the TTL, so a node that stops disappears from
/// <c>tctl nodes ls</c> when its entry expires.
/// </summary>
public sealed class Heartbeat(AuthClient client, NodeServiceOptions options, string hostId, CommandLabels commandLabels, ILogger logger) : BackgroundLoop
{
    /// <summary>The node resource as of now.</summary>
    public Server Describe() => new()
    {
        SubKind = "teleport",
        Metadata = new Metadata { Name = hostId, Labels = options.StaticLabels },
        Spec = new ServerSpec
        {
            Hostname = options.NodeName,
            Addr = options.UseTunnel ? string.Empty : options.AdvertiseAddr,
            UseTunnel = options.UseTunnel,
            Version = Teleport.Api.TeleportVersion.Current,
            CmdLabels = ValueMap.From(commandLabels.Definitions.Select(d => KeyValuePair.Create(d.Name, new CommandLabel
            {
                Period = Duration.FromTimeSpan(d.Period),
                Command = ValueList.From(d.Command),
                Result = commandLabels.Results.TryGetValue(d.Name, out string? result) ? result : string.Empty,
            }))),
        },
    };

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        bool failing = false;
        TimeSpan retry = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan wait = options.HeartbeatInterval;
            try
            {
                await client.HeartbeatAsync(Describe(), options.HeartbeatTtl, cancellationToken).ConfigureAwait(false);
                if (failing)
                {
                    logger.LogInformation("Heartbeats reach the Auth server again");
                }

                failing = false;
                retry = TimeSpan.FromSeconds(1);
            }
            catch (Exception e) when (e is AuthApiException or HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                if (!failing)
                {
                    logger.LogWarning("Heartbeat to the Auth server failed: {Error}", e.Message);
                }

                failing = true;

                // Back off while Auth is away, but come back well within the entry's lifetime.
                wait = retry < options.HeartbeatInterval ? retry : options.HeartbeatInterval;
                retry *= 2;
            }

            await Task.Delay(wait, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
