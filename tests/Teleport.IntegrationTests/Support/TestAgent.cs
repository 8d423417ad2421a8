using System.Diagnostics;

namespace Teleport.IntegrationTests.Support;

/// <summary>ssh-agent -D on its own socket, holding one fresh ed25519 key.</summary>
internal sealed class TestAgent : IAsyncDisposable
{
    private readonly Process _process;

    private TestAgent(Process process, string socket, string fingerprint)
    {
        _process = process;
        Socket = socket;
        Fingerprint = fingerprint;
    }

    public string Socket { get; }

    /// <summary>SHA256:... of the key it holds, as ssh-add -l prints it.</summary>
    public string Fingerprint { get; }

    public static async Task<TestAgent> StartAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        string socket = Path.Combine(directory, "agent.sock");
        string key = Path.Combine(directory, "agent_key");
        Process process = ExternalProcess.Start("/usr/bin/ssh-agent", ["-D", "-a", socket]);
        try
        {
            await Eventually.WaitAsync(() => File.Exists(socket), "ssh-agent's socket");
            ProcessResult generated = await ExternalProcess.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", key]);
            Assert.True(generated.ExitCode == 0, generated.ToString());
            ProcessResult added = await ExternalProcess.RunAsync("ssh-add", [key], authSocket: socket);
            Assert.True(added.ExitCode == 0, added.ToString());
            ProcessResult fingerprint = await ExternalProcess.RunAsync("ssh-keygen", ["-l", "-f", key + ".pub"]);
            return new TestAgent(process, socket, fingerprint.StandardOutput.Split(' ')[1]);
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
