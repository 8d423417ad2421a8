using System.Globalization;
using System.Text;
using Teleport.Backend;

namespace Teleport.Backend.CrashWriter;

/// <summary>
/// Usage: <c>Teleport.Backend.CrashWriter &lt;directory&gt; &lt;first number&gt; &lt;writers&gt;</c>.
/// Opens the SQLite backend in the directory and puts <c>/crash/&lt;number&gt;</c> items from
/// several concurrent writers (so commits are batched) as fast as it can, printing each key on
/// standard output only after its put returned. Every printed key must therefore survive a
/// SIGKILL at any moment: that is what the test checks.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 3)
        {
            await Console.Error.WriteLineAsync("usage: Teleport.Backend.CrashWriter <directory> <first number> <writers>");
            return 2;
        }

        long next = long.Parse(args[1], CultureInfo.InvariantCulture) - 1;
        int writers = int.Parse(args[2], CultureInfo.InvariantCulture);
        await using SqliteBackend backend = await SqliteBackend.OpenAsync(new SqliteBackendOptions { Directory = args[0] });
        await Console.Out.WriteLineAsync("ready");
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                string key = Key(Interlocked.Increment(ref next));
                await backend.PutAsync(new Item(key, Value(key)));

                // Console.Out flushes every line: once the test has read a key, it was acknowledged.
                await Console.Out.WriteLineAsync(key);
            }
        })));
        return 0;
    }

    public static string Key(long number) => $"/crash/{number:D12}";

    /// <summary>A value the test can check: the key, repeated to a few hundred bytes.</summary>
    public static byte[] Value(string key) => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(key, 16)));
}
