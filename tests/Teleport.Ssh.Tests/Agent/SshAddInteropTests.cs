using System.Runtime.Versioning;
using Teleport.Ssh.Agent;
using Teleport.Ssh.Keys;

namespace Teleport.Ssh.Tests.Agent;

/// <summary>The real OpenSSH 9.2 <c>ssh-add</c> and <c>ssh-keygen -Y</c> against our <see cref="SshAgentServer"/>.</summary>
public sealed class SshAddInteropTests : IAsyncLifetime
{
    private readonly AgentTestDirectory _directory = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SshAgentServer _server = new();
    private Task _listening = Task.CompletedTask;

    private string Socket => _directory.File("agent.sock");

    public async Task InitializeAsync()
    {
        _listening = _server.ListenAsync(Socket, _stop.Token);
        await Eventually.WaitAsync(() => File.Exists(Socket) || _listening.IsCompleted, "the agent socket");
        Assert.False(_listening.IsCompleted, "ListenAsync ended at start");
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _listening);
        Assert.False(File.Exists(Socket), "the socket file outlived ListenAsync");
        await _server.DisposeAsync();
        _stop.Dispose();
        _directory.Dispose();
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void The_socket_is_private_to_its_user()
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Socket));
        Assert.Empty(Directory.GetFiles(_directory.Path, ".*"));
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("rsa")]
    [InlineData("ecdsa")]
    public async Task Ssh_add_adds_lists_and_removes_keys_and_ssh_keygen_signs_through_the_agent(string type)
    {
        string keyFile = _directory.File("id_" + type);
        await RunAsync("/usr/bin/ssh-keygen", "-q", "-t", type, "-N", "", "-C", "test key " + type, "-f", keyFile);
        string publicLine = (await File.ReadAllTextAsync(keyFile + ".pub")).Trim();
        SshPublicKey publicKey = SshPublicKey.Parse(Convert.FromBase64String(publicLine.Split(' ')[1]));

        ProcessResult added = await RunAsync("/usr/bin/ssh-add", keyFile);
        Assert.Contains("Identity added", added.StandardError);
        SshAgentIdentity held = Assert.Single(_server.Identities);
        Assert.Equal(publicKey, held.PublicKey);

        ProcessResult listed = await RunAsync("/usr/bin/ssh-add", "-l");
        Assert.Contains(publicKey.Fingerprint, listed.StandardOutput);
        Assert.Contains("test key " + type, listed.StandardOutput);
        ProcessResult fingerprint = await RunAsync("/usr/bin/ssh-keygen", "-l", "-f", keyFile + ".pub");
        Assert.Equal(fingerprint.StandardOutput.Trim(), listed.StandardOutput.Trim());

        ProcessResult listedKeys = await RunAsync("/usr/bin/ssh-add", "-L");
        Assert.Equal(publicLine, listedKeys.StandardOutput.Trim());

        // With the private key gone, a signature can only come from the agent.
        File.Delete(keyFile);
        string dataFile = _directory.File("data");
        await File.WriteAllTextAsync(dataFile, "signed through the agent\n");
        await RunAsync("/usr/bin/ssh-keygen", "-Y", "sign", "-f", keyFile + ".pub", "-n", "file", dataFile);
        ProcessResult checkedSignature = await ExternalProcess.RunAsync(
            "/usr/bin/ssh-keygen", ["-Y", "check-novalidate", "-n", "file", "-s", dataFile + ".sig"], Socket, await File.ReadAllBytesAsync(dataFile));
        Assert.True(checkedSignature.ExitCode == 0, checkedSignature.ToString());
        Assert.Contains("Good", checkedSignature.StandardOutput);

        await RunAsync("/usr/bin/ssh-add", "-d", keyFile + ".pub");
        Assert.Empty(_server.Identities);
        ProcessResult empty = await ExternalProcess.RunAsync("/usr/bin/ssh-add", ["-l"], Socket);
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("no identities", empty.StandardOutput);
    }

    [Fact]
    public async Task Ssh_add_removes_all_keys_and_sets_lifetimes()
    {
        string first = _directory.File("first");
        string second = _directory.File("second");
        await RunAsync("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", first);
        await RunAsync("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", second);
        await RunAsync("/usr/bin/ssh-add", first);
        ProcessResult constrained = await RunAsync("/usr/bin/ssh-add", "-t", "600", second);
        Assert.Contains("Lifetime set to 600 seconds", constrained.StandardError);
        Assert.Equal(2, _server.Identities.Count);

        ProcessResult removed = await RunAsync("/usr/bin/ssh-add", "-D");
        Assert.Contains("All identities removed", removed.StandardError);
        Assert.Empty(_server.Identities);
    }

    [Fact]
    public async Task Ssh_add_cannot_add_a_key_needing_confirmation_when_the_server_cannot_ask()
    {
        string keyFile = _directory.File("confirm");
        await RunAsync("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keyFile);
        ProcessResult refused = await ExternalProcess.RunAsync("/usr/bin/ssh-add", ["-c", keyFile], Socket);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("agent refused operation", refused.StandardError);
        Assert.Empty(_server.Identities);
    }

    private async Task<ProcessResult> RunAsync(string program, params string[] arguments)
    {
        ProcessResult result = await ExternalProcess.RunAsync(program, arguments, Socket);
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: {result}");
        return result;
    }
}
