using System.CommandLine;
using Teleport.Api.Config;

namespace Teleport.Commands;

/// <summary>teleport configure: prints (or writes) a commented teleport.yaml for a single-process cluster.</summary>
internal static class ConfigureCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of stdout (file:///path or a path)." };
        var clusterName = new Option<string?>("--cluster-name") { Description = "Name of the cluster [hostname]." };
        var publicAddr = new Option<string?>("--public-addr") { Description = "The proxy's public address, host:port." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Where Teleport keeps its state." };
        var command = new Command("configure", "Generate a configuration file (teleport.yaml) for a single-process cluster.")
        {
            output, clusterName, publicAddr, dataDir,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            string yaml = SampleConfig.Write(new ConfigureOptions
            {
                ClusterName = result.GetValue(clusterName),
                PublicAddr = result.GetValue(publicAddr),
                DataDir = result.GetValue(dataDir),
            });
            string? path = result.GetValue(output);
            if (path is null)
            {
                Console.Write(yaml);
                return 0;
            }

            path = path.StartsWith("file://", StringComparison.Ordinal) ? path["file://".Length..] : path;
            await File.WriteAllTextAsync(path, yaml, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"Wrote config to file \"{path}\". Now you can start the server: teleport start --config=\"{path}\"");
            return 0;
        });
        return command;
    }
}
