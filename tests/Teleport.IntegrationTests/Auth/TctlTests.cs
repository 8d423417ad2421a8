using System.Text.Json;
using System.Text.RegularExpressions;
using Teleport.IntegrationTests.Support;

namespace Teleport.IntegrationTests.Auth;

/// <summary>tctl against a real teleport process: the commands an administrator types, and what they print.</summary>
public sealed partial class TctlTests(AuthProcess auth) : IClassFixture<AuthProcess>
{
    [Fact]
    public async Task Status_shows_the_cluster_fingerprints_and_the_ca_pin()
    {
        ProcessResult status = await Ok(auth.TctlAsync("status"));
        Assert.Contains($"Cluster:  {AuthProcess.ClusterName}", status.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"Host CA:  SHA256:\S+", status.StandardOutput);
        Assert.Matches(@"User CA:  SHA256:\S+", status.StandardOutput);
        Assert.Matches(@"CA pin:   sha256:[0-9a-f]{64}", status.StandardOutput);
    }

    [Fact]
    public async Task Users_are_added_listed_updated_and_removed()
    {
        ProcessResult added = await Ok(auth.TctlAsync("users", "add", "joe", "--roles=access,auditor", "--logins=root,joe"));
        Assert.Contains("User \"joe\" has been created but requires a password", added.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"https://[^/]+/web/invite/[0-9a-f]{32}", added.StandardOutput);
        Assert.Contains("link is valid for 1h", added.StandardOutput, StringComparison.Ordinal);

        Assert.Matches(@"joe\s+access,auditor", (await Ok(auth.TctlAsync("users", "ls"))).StandardOutput);
        ProcessResult updated = await Ok(auth.TctlAsync("users", "update", "joe", "--set-roles=editor"));
        Assert.Contains("roles: editor", updated.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("reset", (await Ok(auth.TctlAsync("users", "reset", "joe"))).StandardOutput, StringComparison.Ordinal);
        await Ok(auth.TctlAsync("users", "rm", "joe"));
        Assert.DoesNotContain("joe", (await Ok(auth.TctlAsync("users", "ls"))).StandardOutput, StringComparison.Ordinal);

        ProcessResult missingRole = await auth.TctlAsync("users", "add", "kim", "--roles=no-such-role");
        Assert.Equal(1, missingRole.ExitCode);
        Assert.Contains("ERROR: role \"no-such-role\" is not found", missingRole.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_add_prints_the_exact_teleport_start_line_with_the_pin()
    {
        ProcessResult added = await Ok(auth.TctlAsync("tokens", "add", "--type=node", "--ttl=30m"));
        Match token = InviteToken().Match(added.StandardOutput);
        Assert.True(token.Success, added.StandardOutput);
        string pin = PinLine().Match((await Ok(auth.TctlAsync("status"))).StandardOutput).Groups[1].Value;
        Assert.Contains("This token will expire in 30 minutes.", added.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"""
            > teleport start \
               --roles=node \
               --token={token.Groups[1].Value} \
               --ca-pin={pin} \
               --auth-server={auth.Address}
            """, added.StandardOutput, StringComparison.Ordinal);

        ProcessResult listed = await Ok(auth.TctlAsync("tokens", "ls"));
        Assert.Contains(token.Groups[1].Value, listed.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(AuthProcess.StaticToken, listed.StandardOutput, StringComparison.Ordinal);
        await Ok(auth.TctlAsync("tokens", "rm", token.Groups[1].Value));
        Assert.DoesNotContain(token.Groups[1].Value, (await Ok(auth.TctlAsync("tokens", "ls"))).StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roles_are_created_from_yaml_read_back_and_removed()
    {
        string file = auth.Directory.Combine("role-dev.yaml");
        await File.WriteAllTextAsync(file, """
            kind: role
            version: v7
            metadata:
              name: dev
            spec:
              allow:
                logins: [ubuntu]
                node_labels:
                  env: [dev, staging]
            """);
        Assert.Contains("role \"dev\" has been created", (await Ok(auth.TctlAsync("create", file))).StandardOutput, StringComparison.Ordinal);
        ProcessResult again = await auth.TctlAsync("create", file);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.StandardError, StringComparison.Ordinal);
        await Ok(auth.TctlAsync("create", "-f", file));

        ProcessResult yaml = await Ok(auth.TctlAsync("get", "role/dev"));
        Assert.Contains("name: dev", yaml.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("- staging", yaml.StandardOutput, StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse((await Ok(auth.TctlAsync("get", "roles", "--format=json"))).StandardOutput);
        Assert.Contains(json.RootElement.EnumerateArray(), r => r.GetProperty("metadata").GetProperty("name").GetString() == "dev");

        await Ok(auth.TctlAsync("rm", "role/dev"));
        Assert.Equal(1, (await auth.TctlAsync("get", "role/dev")).ExitCode);
    }

    [Fact]
    public async Task Malformed_yaml_is_refused_naming_the_line_and_the_field()
    {
        string file = auth.Directory.Combine("broken.yaml");
        await File.WriteAllTextAsync(file, """
            kind: role
            version: v7
            metadata:
              name: broken
            spec:
              options:
                max_session_ttl: forever-ish
            """);
        ProcessResult result = await auth.TctlAsync("create", file);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("line 7", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("max_session_ttl", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auth_export_prints_lines_openssh_reads()
    {
        string user = (await Ok(auth.TctlAsync("auth", "export", "--type=user"))).StandardOutput;
        Assert.StartsWith("cert-authority ssh-ed25519 ", user, StringComparison.Ordinal);
        string host = (await Ok(auth.TctlAsync("auth", "export", "--type=host"))).StandardOutput;
        Assert.StartsWith($"@cert-authority *.{AuthProcess.ClusterName}", host, StringComparison.Ordinal);
        string tls = (await Ok(auth.TctlAsync("auth", "export", "--type=tls"))).StandardOutput;
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", tls, StringComparison.Ordinal);

        string openssh = auth.Directory.Combine("user_ca.pub");
        await File.WriteAllTextAsync(openssh, (await Ok(auth.TctlAsync("auth", "export", "--type=openssh"))).StandardOutput);
        ProcessResult fingerprint = await ExternalProcess.RunAsync("ssh-keygen", ["-l", "-f", openssh]);
        Assert.True(fingerprint.ExitCode == 0, fingerprint.ToString());
        Assert.Contains("ED25519", fingerprint.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auth_sign_writes_a_user_certificate_ssh_keygen_lists_with_principals_validity_and_extensions()
    {
        await Ok(auth.TctlAsync("users", "add", "signee", "--roles=access", "--logins=root,signee"));
        string output = auth.Directory.Combine("signee");
        ProcessResult signed = await Ok(auth.TctlAsync("auth", "sign", "--user=signee", $"--out={output}", "--ttl=1h"));
        Assert.Contains("-cert.pub", signed.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(output));

        ProcessResult listing = await ExternalProcess.RunAsync("ssh-keygen", ["-L", "-f", output + "-cert.pub"]);
        Assert.True(listing.ExitCode == 0, listing.ToString());
        Assert.Contains("user certificate", listing.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Key ID: \"signee\"", listing.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"Principals: \n\s+root\n\s+signee", listing.StandardOutput);
        Assert.Matches(@"Valid: from \S+ to \S+", listing.StandardOutput);
        Assert.Contains("permit-pty", listing.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("permit-port-forwarding", listing.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("teleport-roles", listing.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_events_show_what_administrators_did()
    {
        await Ok(auth.TctlAsync("users", "add", "auditee", "--roles=access"));
        ProcessResult text = await Ok(auth.TctlAsync("audit", "events", "--type=user.create", "--since=1h"));
        Assert.Matches(@"user\.create\s+T1002I\s+\S+\s+name=auditee", text.StandardOutput);
        using JsonDocument json = JsonDocument.Parse((await Ok(auth.TctlAsync("audit", "events", "--type=user.create", "--format=json"))).StandardOutput);
        JsonElement created = json.RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "auditee");
        Assert.Equal("T1002I", created.GetProperty("code").GetString());
        Assert.Equal(AuthProcess.ClusterName, created.GetProperty("cluster_name").GetString());
        Assert.True(created.TryGetProperty("uid", out _) && created.TryGetProperty("time", out _) && created.TryGetProperty("ei", out _));
    }

    private async Task<ProcessResult> Ok(Task<ProcessResult> run)
    {
        ProcessResult result = await run;
        Assert.True(result.ExitCode == 0, $"{result}\nteleport log:\n{auth.Log}");
        return result;
    }

    [GeneratedRegex(@"The invite token: ([0-9a-f]{32})")]
    private static partial Regex InviteToken();

    [GeneratedRegex(@"CA pin:\s+(sha256:[0-9a-f]{64})")]
    private static partial Regex PinLine();
}
