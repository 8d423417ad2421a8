using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Teleport.Api.Config;
using Teleport.Api.Types;
using Teleport.Services;

namespace Teleport.Commands;

/// <summary>teleport start: reads teleport.yaml (or /etc/teleport.yaml, or nothing), applies the flags, runs the services until SIGTERM or SIGINT.</summary>
internal static class StartCommand
{
    public const string DefaultConfigPath = "/etc/teleport.yaml";

    public static Command Create()
    {
        var config = new Option<string?>("--config", "-c") { Description = $"Path to a configuration file [{DefaultConfigPath}]." };
        var roles = new Option<string?>("--roles") { Description = "Comma-separated list of services to run: auth, node, proxy." };
        var token = new Option<string?>("--token") { Description = "Invitation token to join a cluster." };
        var authServer = new Option<string?>("--auth-server") { Description = "Address of the auth server [127.0.0.1:3025]." };
        var caPin = new Option<string[]>("--ca-pin") { Description = "CA pin to validate the auth server (can be repeated).", AllowMultipleArgumentsPerToken = false };
        var nodeName = new Option<string?>("--nodename") { Description = "Name of this node, defaults to hostname." };
        var debug = new Option<bool>("--debug", "-d") { Description = "Enable verbose logging to stderr." };
        var labels = new Option<string?>("--labels") { Description = "Comma-separated list of labels for this node, for example env=dev,app=web." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Directory where Teleport keeps its state." };
        var listenIp = new Option<string?>("--listen-ip") { Description = "IP address to bind to [0.0.0.0]." };
        var diagAddr = new Option<string?>("--diag-addr") { Description = "Start the diagnostic endpoint on this address." };
        var command = new Command("start", "Starts the Teleport service.")
        {
            config, roles, token, authServer, caPin, nodeName, debug, labels, dataDir, listenIp, diagAddr,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var flags = new StartFlags
            {
                Roles = result.GetValue(roles),
                Token = result.GetValue(token),
                AuthServer = result.GetValue(authServer),
                CaPins = ValueList.From(result.GetValue(caPin) ?? []),
                NodeName = result.GetValue(nodeName),
                Debug = result.GetValue(debug),
                Labels = result.GetValue(labels),
                DataDir = result.GetValue(dataDir),
                ListenIP = result.GetValue(listenIp),
                DiagAddr = result.GetValue(diagAddr),
            };
            return await RunAsync(result.GetValue(config), flags, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(string? configPath, StartFlags flags, CancellationToken cancellationToken)
    {
        TeleportConfig config;
        string? path = configPath ?? (File.Exists(DefaultConfigPath) ? DefaultConfigPath : null);
        try
        {
            string? yaml = path is null ? null : await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            config = TeleportConfig.ForStart(yaml, flags);
        }
        catch (Exception e) when (e is ResourceValidationException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"ERROR: {(path is null ? string.Empty : path + ": ")}{e.Message}").ConfigureAwait(false);
            return 1;
        }

        ILoggerFactory loggerFactory;
        try
        {
            loggerFactory = Logging.Create(config.Global.Log);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"ERROR: teleport.log.output {config.Global.Log.Output}: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        using ILoggerFactory ownedLoggerFactory = loggerFactory;
        ILogger logger = loggerFactory.CreateLogger("teleport");
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        var process = new TeleportProcess(config, loggerFactory);
        await using (process.ConfigureAwait(false))
        {
            try
            {
                await process.StartAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError("Teleport failed to start: {Error}", e.Message);
                logger.LogDebug(e, "start failure");
                return 1;
            }

            try
            {
                await Task.Delay(Timeout.Infinite, stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                logger.LogInformation("Shutting down gracefully.");
            }
        }

        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
        }
    }
}
