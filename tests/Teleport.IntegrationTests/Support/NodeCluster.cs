using System.Text;

namespace Teleport.IntegrationTests.Support;

/// <summary>
/// A cluster of two real processes: Auth (<see cref="AuthProcess"/>) and a node that joined it with
/// the static token, labelled <c>env=test</c> and with a command label <c>kernel</c>. The user
/// <c>alice</c> holds a role that allows root and forwarding; her certificate comes from
/// <c>tctl auth sign --user</c> and known_hosts from <c>tctl auth export --type=host</c>, as an
/// OpenSSH user would set them up.
/// </summary>
public class NodeCluster : IAsyncLifetime
{
    public NodeCluster()
        : this("node")
    {
    }

    /// <param name="sessionRecording">Auth's <c>session_recording</c> mode, which the node follows.</param>
    protected NodeCluster(string sessionRecording)
    {
        Auth = new AuthProcess { SessionRecording = sessionRecording };
    }

    public const string NodeName = "itest-node";
    public const string Login = "root";

    private TeleportDaemon? _node;

    public AuthProcess Auth { get; }

    public int SshPort { get; } = Ports.Free();

    public string NodeDataDir => Auth.Directory.Combine("node-data");

    public string NodeConfigPath => Auth.Directory.Combine("node.yaml");

    public TeleportDaemon Node => _node ?? throw new InvalidOperationException("the node has not started");

    /// <summary>alice's private key; the certificate is next to it as <c>-cert.pub</c>.</summary>
    public string AliceKey => Auth.Directory.Combine("alice");

    public string KnownHosts => Auth.Directory.Combine("known_hosts");

    public async Task InitializeAsync()
    {
        await Auth.InitializeAsync();
        await File.WriteAllTextAsync(NodeConfigPath, $"""
            version: v3
            teleport:
              nodename: {NodeName}
              data_dir: {NodeDataDir}
              auth_server: {Auth.Address}
              join_params:
                token_name: {AuthProcess.StaticToken}
                method: token
              log:
                severity: DEBUG
            auth_service:
              enabled: no
            proxy_service:
              enabled: no
            ssh_service:
              enabled: yes
              listen_addr: 127.0.0.1:{SshPort}
              labels:
                env: test
              commands:
                - name: kernel
                  command: [uname, -s]
                  period: 1m
            """);
        _node = new TeleportDaemon(NodeConfigPath);
        await _node.StartAsync();
        await CreateRoleAsync("node-access", """
            allow:
              logins: [root, nobody]
              node_labels:
                '*': '*'
            options:
              port_forwarding: true
              forward_agent: true
            """);
        await CheckAsync(Auth.TctlAsync("users", "add", "alice", "--roles=node-access"));
        await SignAsync("alice", AliceKey);
        string hostCa = (await Auth.TctlAsync("auth", "export", "--type=host")).StandardOutput;
        await File.WriteAllTextAsync(KnownHosts, string.Concat(hostCa.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => "@cert-authority * " + line.Split(' ', 3)[2] + "\n")));
    }

    /// <summary>tctl create -f of a role with the given spec (YAML under <c>spec:</c>, unindented).</summary>
    public Task CreateRoleAsync(string name, string spec)
    {
        string indented = string.Join('\n', spec.Split('\n').Select(line => "  " + line));
        return CheckAsync(Auth.TctlWithInputAsync($"kind: role\nversion: v7\nmetadata:\n  name: {name}\nspec:\n{indented}\n", "create", "-f", "-"));
    }

    /// <summary>tctl auth sign --user: a key and certificate at <paramref name="keyPath"/>.</summary>
    public Task SignAsync(string user, string keyPath, string ttl = "1h")
    {
        foreach (string file in new[] { keyPath, keyPath + ".pub", keyPath + "-cert.pub" })
        {
            File.Delete(file);
        }

        return CheckAsync(Auth.TctlAsync("auth", "sign", $"--user={user}", $"--out={keyPath}", $"--ttl={ttl}"));
    }

    /// <summary>OpenSSH's ssh to the node with a key, strict host checking against the cluster's host CA, batch mode.</summary>
    public IReadOnlyList<string> SshArguments(string? key = null, string login = Login) =>
    [
        "-F", "none", "-p", SshPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "-i", key ?? AliceKey, "-o", "IdentitiesOnly=yes", "-o", $"UserKnownHostsFile={KnownHosts}",
        "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "LogLevel=INFO",
        "-l", login,
    ];

    public Task<ProcessResult> SshAsync(params string[] remote) => SshWithAsync(SshArguments(), null, remote);

    public Task<ProcessResult> SshWithAsync(IReadOnlyList<string> options, string? standardInput, params string[] remote) =>
        ExternalProcess.RunAsync("/usr/bin/ssh", [.. options, "127.0.0.1", .. remote], new RunOptions
        {
            StandardInput = standardInput is null ? null : new MemoryStream(Encoding.UTF8.GetBytes(standardInput)),
            Timeout = TimeSpan.FromSeconds(60),
        });

    public virtual async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        await Auth.DisposeAsync();
    }

    private static async Task CheckAsync(Task<ProcessResult> run)
    {
        ProcessResult result = await run;
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"exit {result.ExitCode}: {result.StandardOutput}{result.StandardError}");
        }
    }
}
