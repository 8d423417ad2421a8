using System.Diagnostics;
using System.Net.Sockets;
using Teleport.Ssh.Agent;

namespace Teleport.Ssh.Tests.Agent;

/// <summary>The real OpenSSH <c>ssh-agent -D -a SOCKET</c>, killed on dispose.</summary>
internal sealed class OpenSshAgentProcess : IDisposable
{
    private readonly Process _process;

    private OpenSshAgentProcess(Process process, string socketPath)
    {
        _process = process;
        SocketPath = socketPath;
    }

    public string SocketPath { get; }

    public static async Task<OpenSshAgentProcess> StartAsync(string socketPath)
    {
        Process process = ExternalProcess.Start("/usr/bin/ssh-agent", ["-D", "-a", socketPath]);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var agent = new OpenSshAgentProcess(process, socketPath);
        try
        {
            await Eventually.WaitAsync(() => process.HasExited || File.Exists(socketPath), "ssh-agent's socket");
            Assert.False(process.HasExited, "ssh-agent exited at start");
            return agent;
        }
        catch
        {
            agent.Dispose();
            throw;
        }
    }

    /// <summary>Connects, retrying while the socket exists but does not listen yet (ssh-agent binds, then listens).</summary>
    public async Task<SshAgentClient> ConnectAsync()
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                return await SshAgentClient.ConnectAsync(SocketPath);
            }
            catch (SshConnectionException e) when (e.InnerException is SocketException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }
        }
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        _process.Dispose();
    }
}
