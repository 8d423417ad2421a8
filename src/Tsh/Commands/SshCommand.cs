using System.CommandLine;
using System.Net.Sockets;
using Teleport.Client;
using Teleport.Client.Profiles;
using Teleport.Client.Ssh;
using Teleport.Client.Terminal;
using Teleport.Client.WebApi;
using Teleport.Ssh.Connection.Session;

namespace Tsh.Commands;

/// <summary>tsh ssh: a shell or a command on one node, or a command on every node with given labels.</summary>
internal static class SshCommand
{
    public static readonly IReadOnlySet<string> OptionsWithValue = new HashSet<string>(StringComparer.Ordinal) { "-p", "--port", "-l", "--login", "-L", "-R" };

    public static Command Create(TshContext context)
    {
        var port = new Option<int>("--port", "-p") { Description = "SSH port on the node [the node's own]." };
        var login = new Option<string?>("--login", "-l") { Description = "Remote login [$USER]." };
        var local = new Option<string[]>("-L") { Description = "Forward a local port: [bind_address:]port:host:hostport.", Arity = ArgumentArity.ZeroOrMore };
        var remote = new Option<string[]>("-R") { Description = "Forward a remote port: [bind_address:]port:host:hostport.", Arity = ArgumentArity.ZeroOrMore };
        var agent = new Option<bool>("-A") { Description = "Forward the local SSH agent (SSH_AUTH_SOCK)." };
        var tty = new Option<bool>("-t") { Description = "Allocate a terminal even for a command." };
        var noTty = new Option<bool>("-T") { Description = "Never allocate a terminal." };
        var words = new Argument<string[]>("[user@]host [command...]") { Arity = ArgumentArity.OneOrMore };
        var command = new Command("ssh", "Run shell or execute a command on a remote SSH node.") { port, login, local, remote, agent, tty, noTty, words };
        command.SetAction(async (result, cancellationToken) =>
        {
            string[] arguments = result.GetValue(words)!;
            ActiveProfile active = context.Active();
            SshTarget target = SshTarget.Parse(arguments[0], active.Profile.Cluster);
            string remoteLogin = result.GetValue(login) ?? target.Login ?? TshContext.LocalUser;
            string? remoteCommand = arguments.Length > 1 ? string.Join(' ', arguments[1..]) : null;
            var client = new ClusterClient(active, context.Clock);
            if (target.IsLabelTarget)
            {
                if (remoteCommand is null)
                {
                    throw new ClientException("a command is required with a label target: tsh ssh user@key=value command");
                }

                return await RunOnLabelsAsync(client, active, remoteLogin, target.Labels!, remoteCommand, cancellationToken);
            }

            bool pty = result.GetValue(tty) || (!result.GetValue(noTty) && remoteCommand is null && LocalTerminal.IsInputTerminal);
            ForwardSpec[] remoteForwards = [.. (result.GetValue(remote) ?? []).Select(ForwardSpec.Parse)];
            ForwardSpec[] localForwards = [.. (result.GetValue(local) ?? []).Select(ForwardSpec.Parse)];
            var handlers = new NodeSessionHandlers { ForwardAgent = result.GetValue(agent), RemoteForwards = remoteForwards };
            int nodePort = result.GetValue(port) is > 0 and var p ? p : target.Port;
            NodeConnection connection = await client.ConnectToNodeAsync(remoteLogin, target.Host, nodePort, handlers, cancellationToken);
            await using (connection)
            {
                var listeners = new List<Socket>();
                try
                {
                    listeners.AddRange(localForwards.Select(f => PortForwarding.StartLocal(connection.Node, f)));
                    foreach (ForwardSpec forward in remoteForwards)
                    {
                        await PortForwarding.RequestRemoteAsync(connection.Node, forward);
                    }

                    SessionExit exit = await SessionRunner.RunAsync(
                        connection.Node,
                        new SessionSpec { Command = remoteCommand, Pty = pty, ForwardAgent = result.GetValue(agent) },
                        TshContext.StandardInput(),
                        TshContext.StandardOutput(),
                        TshContext.StandardError(),
                        cancellationToken);
                    (int code, string? message) = SessionRunner.ExitCodeOf(exit);
                    if (message is not null)
                    {
                        await Console.Error.WriteLineAsync("ERROR: " + message);
                    }

                    return code;
                }
                finally
                {
                    listeners.ForEach(l => l.Dispose());
                }
            }
        });
        return command;
    }

    /// <summary>Runs the command on every matching node at once; each output line starts with [nodename].</summary>
    private static async Task<int> RunOnLabelsAsync(ClusterClient client, ActiveProfile active, string login, IReadOnlyDictionary<string, string> labels, string command, CancellationToken cancellationToken)
    {
        IReadOnlyList<WebNode> nodes = await LsCommand.ListAsync(active, labels, cancellationToken);
        if (nodes.Count == 0)
        {
            throw new ClientException($"no nodes match the labels {string.Join(",", labels.Select(l => l.Key + "=" + l.Value))}");
        }

        using var stdout = TshContext.StandardOutput();
        using var stderr = TshContext.StandardError();
        using var outputLock = new SemaphoreSlim(1, 1);
        int[] codes = await Task.WhenAll(nodes.Select(node => RunOnNodeAsync(client, node, login, command, stdout, stderr, outputLock, cancellationToken)));
        return codes.FirstOrDefault(c => c != 0);
    }

    private static async Task<int> RunOnNodeAsync(ClusterClient client, WebNode node, string login, string command, Stream stdout, Stream stderr, SemaphoreSlim outputLock, CancellationToken cancellationToken)
    {
        string prefix = $"[{node.Hostname}] ";
        var output = new LinePrefixStream(stdout, prefix, outputLock);
        var errors = new LinePrefixStream(stderr, prefix, outputLock);
        try
        {
            NodeConnection connection = await client.ConnectToNodeAsync(login, node.Id, 0, handlers: null, cancellationToken);
            await using (connection)
            {
                SessionExit exit = await SessionRunner.RunAsync(connection.Node, new SessionSpec { Command = command, ForwardStdin = false }, Stream.Null, output, errors, cancellationToken);
                await output.CompleteAsync(cancellationToken);
                await errors.CompleteAsync(cancellationToken);
                (int code, string? message) = SessionRunner.ExitCodeOf(exit);
                if (message is not null)
                {
                    await errors.WriteAsync(System.Text.Encoding.UTF8.GetBytes("ERROR: " + message + "\n"), cancellationToken);
                }

                return code;
            }
        }
        catch (ClientException e)
        {
            await errors.WriteAsync(System.Text.Encoding.UTF8.GetBytes("ERROR: " + e.Message + "\n"), cancellationToken);
            return 1;
        }
    }
}
