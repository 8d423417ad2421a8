using System.Text;
using Teleport.IntegrationTests.Support;

namespace Teleport.IntegrationTests.Tsh;

/// <summary>A TELEPORT_HOME of its own and bin/tsh run in it, as a user in a shell would.</summary>
public sealed class TshHome : IDisposable
{
    public TshHome(string name)
    {
        Directory = new TempDirectory($"tsh-{name}-");
        Home = Directory.Combine("tsh");
    }

    public TempDirectory Directory { get; }

    /// <summary>TELEPORT_HOME (created by the first login).</summary>
    public string Home { get; }

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["TELEPORT_HOME"] = Home,
        ["USER"] = "root",
        ["TERM"] = "xterm",
    };

    public Task<ProcessResult> RunAsync(params string[] arguments) => RunAsync(arguments, standardInput: null);

    public Task<ProcessResult> RunAsync(IEnumerable<string> arguments, string? standardInput, TimeSpan? timeout = null) =>
        ExternalProcess.RunAsync(Repository.Bin("tsh"), arguments, new RunOptions
        {
            Environment = Environment,
            StandardInput = standardInput is null ? null : new MemoryStream(Encoding.UTF8.GetBytes(standardInput)),
            Timeout = timeout,
        });

    /// <summary>tsh login with the password and the code piped on stdin, as a script would.</summary>
    public Task<ProcessResult> LoginAsync(ProxyCluster cluster, string user, string password, string code, params string[] extra) =>
        RunAsync(["login", $"--proxy={cluster.WebAddress}", $"--user={user}", "--insecure", .. extra], $"{password}\n{code}\n");

    /// <summary>Creates <paramref name="user"/> and logs in as them, failing the test with tsh's output if that fails.</summary>
    public async Task<ProcessResult> CreateAndLoginAsync(ProxyCluster cluster, string user, string roles, string logins)
    {
        (string password, string secret) = await cluster.CreateUserAsync(user, roles, logins);
        ProcessResult login = await LoginAsync(cluster, user, password, await ProxyCluster.NextCodeAsync(secret));
        Assert.True(login.ExitCode == 0, login.ToString());
        return login;
    }

    /// <summary>Polls an asynchronous condition (such as a tsh command's output) until it holds.</summary>
    public static async Task WaitForAsync(Func<Task<bool>> condition, string what, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(200);
        }
    }

    public void Dispose() => Directory.Dispose();
}
