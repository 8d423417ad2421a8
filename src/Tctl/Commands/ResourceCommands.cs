using System.CommandLine;
using Teleport.Api.Client;
using Teleport.Api.Serialization;
using Teleport.Api.Types;

namespace Tctl.Commands;

/// <summary>tctl get KIND[/NAME], tctl create [-f] FILE, tctl rm KIND/NAME.</summary>
internal static class ResourceCommands
{
    public static Command Get()
    {
        var reference = new Argument<string>("resource") { Description = "Resource spec: 'type/[name]', e.g. role/access or users." };
        var format = new Option<string>("--format") { Description = "Output format: 'yaml' or 'json'.", DefaultValueFactory = _ => "yaml" };
        var command = new Command("get", "Print a YAML declaration of various Teleport resources.") { reference, format };
        command.SetAction(async (result, cancellationToken) =>
        {
            (string kind, string? name) = Parse(result.GetValue(reference)!);
            using AuthClient client = TctlContext.Load(result).Connect();
            IReadOnlyList<IResource> resources = name is null
                ? await client.GetResourcesAsync(kind, cancellationToken)
                : [await client.GetResourceAsync(kind, name, cancellationToken)];
            Console.Write(result.GetValue(format) switch
            {
                "json" => ResourceJson.WriteAll(resources, indented: true) + "\n",
                "yaml" => ResourceYaml.Write(resources),
                var other => throw new TctlException($"unknown format \"{other}\": use yaml or json"),
            });
            return 0;
        });
        return command;
    }

    public static Command CreateResource()
    {
        var file = new Argument<string>("filename") { Description = "Resource definition file, '-' for standard input." };
        var force = new Option<bool>("--force", "-f") { Description = "Overwrite the resource if it already exists." };
        var command = new Command("create", "Create or update a Teleport resource from a YAML file.") { file, force };
        command.SetAction(async (result, cancellationToken) =>
        {
            string path = result.GetValue(file)!;
            string yaml = path == "-" ? await Console.In.ReadToEndAsync(cancellationToken) : await File.ReadAllTextAsync(path, cancellationToken);
            IReadOnlyList<IResource> resources;
            try
            {
                resources = ResourceYaml.ReadAll(yaml);
            }
            catch (ResourceValidationException e)
            {
                throw new TctlException($"{path}: {e.Message}", e);
            }

            using AuthClient client = TctlContext.Load(result).Connect();
            foreach (IResource resource in resources)
            {
                IResource stored = await client.CreateResourceAsync(resource, result.GetValue(force), cancellationToken);
                Console.WriteLine($"{stored.Kind} \"{stored.Metadata.Name}\" has been {(result.GetValue(force) ? "created or updated" : "created")}");
            }

            return 0;
        });
        return command;
    }

    public static Command Remove()
    {
        var reference = new Argument<string>("resource") { Description = "Resource to delete: kind/name, e.g. role/dev." };
        var command = new Command("rm", "Delete a resource.") { reference };
        command.SetAction(async (result, cancellationToken) =>
        {
            (string kind, string? name) = Parse(result.GetValue(reference)!);
            if (name is null)
            {
                throw new TctlException("give the resource as kind/name, e.g. role/dev");
            }

            using AuthClient client = TctlContext.Load(result).Connect();
            await client.DeleteResourceAsync(kind, name, cancellationToken);
            Console.WriteLine($"{kind} \"{name}\" has been deleted");
            return 0;
        });
        return command;
    }

    /// <summary>Teleport accepts singular and plural kinds and a few short names.</summary>
    internal static (string Kind, string? Name) Parse(string reference)
    {
        string[] parts = reference.Split('/', 2);
        string kind = parts[0].ToLowerInvariant() switch
        {
            "user" or "users" => ResourceKinds.User,
            "role" or "roles" => ResourceKinds.Role,
            "token" or "tokens" => ResourceKinds.Token,
            "node" or "nodes" => ResourceKinds.Node,
            "cert_authority" or "cert_authorities" or "cas" or "ca" => ResourceKinds.CertAuthority,
            "cluster_name" => ResourceKinds.ClusterName,
            string other => throw new TctlException($"unknown resource kind \"{other}\" (user, role, token, node, cert_authority, cluster_name)"),
        };
        return (kind, parts.Length == 2 && parts[1].Length > 0 ? parts[1] : null);
    }
}
