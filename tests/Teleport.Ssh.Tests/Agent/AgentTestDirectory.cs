namespace Teleport.Ssh.Tests.Agent;

/// <summary>
/// A private temporary directory per test, removed on dispose. Its path is short, since a Unix
/// socket path must fit in 108 bytes.
/// </summary>
internal sealed class AgentTestDirectory : IDisposable
{
    public AgentTestDirectory()
    {
        Path = System.IO.Path.Combine("/tmp", "tp-agent-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
