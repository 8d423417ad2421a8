using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;
using CrashWriterProgram = Teleport.Backend.CrashWriter.Program;

namespace Teleport.Backend.Tests;

/// <summary>
/// An acknowledged write survives <c>kill -9</c> at any moment: a child process writes as fast as
/// it can and prints each key after its put returned; the test kills it mid-stream, reopens the
/// database and looks for every printed key. (A power cut would also need the fsync that
/// <c>synchronous=FULL</c> asks for; a test cannot pull the plug, so that part rests on SQLite's
/// guarantee and on the open-time check of the setting.)
/// </summary>
public sealed class SqliteCrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    private const int Rounds = 4;
    private const int Writers = 8;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Every_acknowledged_write_survives_kill_9()
    {
        string directory = _temp.Combine("backend");
        var random = new Random(7);
        int total = 0;
        for (int round = 0; round < Rounds; round++)
        {
            // Kill after a varying number of acknowledgements, so the kill lands in different phases of a commit.
            int killAfter = random.Next(300, 3000);
            List<string> acknowledged = await WriteAndKillAsync(directory, firstNumber: (round + 1) * 1_000_000L, killAfter);
            total += acknowledged.Count;

            await using SqliteBackend reopened = await SqliteBackend.OpenAsync(new SqliteBackendOptions { Directory = directory, SweepInterval = Timeout.InfiniteTimeSpan });
            var missing = new List<string>();
            foreach (string key in acknowledged)
            {
                Item? item = await reopened.GetAsync(key);
                if (item is null)
                {
                    missing.Add(key);
                }
                else
                {
                    Assert.Equal(CrashWriterProgram.Value(key), item.Value.ToArray());
                }
            }

            Assert.True(missing.Count == 0, $"round {round}: {missing.Count} of {acknowledged.Count} acknowledged writes lost, first {missing.FirstOrDefault()}");

            // Revisions never repeat across a crash, even for writes that were not acknowledged.
            IReadOnlyList<Item> all = await reopened.GetPrefixAsync("/crash/");
            Assert.Equal(all.Count, all.Select(item => item.Revision).Distinct().Count());
            output.WriteLine($"round {round}: killed after {acknowledged.Count} acknowledged writes; {all.Count} items on disk in total");
        }

        Assert.True(total >= Rounds * 300);
    }

    private async Task<List<string>> WriteAndKillAsync(string directory, long firstNumber, int killAfter)
    {
        string writer = Path.Combine(AppContext.BaseDirectory, "Teleport.Backend.CrashWriter.dll");
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (string argument in new[] { writer, directory, firstNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), Writers.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start the crash writer");
        Task<string> errors = process.StandardError.ReadToEndAsync();
        var acknowledged = new List<string>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            string? ready = await process.StandardOutput.ReadLineAsync(deadline.Token);
            if (ready != "ready")
            {
                Assert.Fail($"the crash writer did not start: {ready} {await errors}");
            }

            while (acknowledged.Count < killAfter)
            {
                string? line = await process.StandardOutput.ReadLineAsync(deadline.Token);
                if (line is null)
                {
                    Assert.Fail($"the crash writer exited early: {await errors}");
                }

                acknowledged.Add(line);
            }
        }
        finally
        {
            // SIGKILL: no finalizers, no disposal, no flush; whatever SQLite had not committed is lost.
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None);
        }

        // Lines already in the pipe were printed before the kill, so they were acknowledged too.
        while (await process.StandardOutput.ReadLineAsync(CancellationToken.None) is { } line)
        {
            if (line.StartsWith("/crash/", StringComparison.Ordinal))
            {
                acknowledged.Add(line);
            }
        }

        return acknowledged;
    }
}
