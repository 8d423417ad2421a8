using System.Diagnostics;
using System.Text;
using Teleport.Ssh.Keys;
using Xunit.Abstractions;

namespace Teleport.Ssh.Tests.Keys;

/// <summary>Runs a mutation property and reports the first input that breaks it.</summary>
internal static class PropertyRunner
{
    /// <summary>
    /// Checks <paramref name="iterations"/> generated inputs; any exception <paramref name="check"/>
    /// lets through (the parser's documented exception is caught inside it) fails the test with the input.
    /// </summary>
    public static void Run<T>(ITestOutputHelper output, int iterations, Func<T> generate, Action<T> check)
    {
        var stopwatch = Stopwatch.StartNew();
        for (int i = 0; i < iterations; i++)
        {
            T input = generate();
            try
            {
                check(input);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                string shown = input is byte[] bytes ? Convert.ToHexString(bytes) : input?.ToString() ?? "null";
                Assert.Fail($"iteration {i}: {e.GetType().Name}: {e.Message}\ninput: {shown}\n{e.StackTrace}");
            }
        }

        output.WriteLine($"{iterations} inputs in {stopwatch.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>Damages a key line as text, or decodes its key, damages the blob and puts it back.</summary>
    public static string MutateLine(Mutator mutator, string line)
    {
        if (mutator.Next(3) != 0)
        {
            return mutator.Mutate(line);
        }

        string[] words = line.Split(' ', '\t');
        int keyWord = Array.FindIndex(words, word => word.StartsWith("AAAA", StringComparison.Ordinal));
        words[keyWord] = Convert.ToBase64String(mutator.Mutate(Convert.FromBase64String(words[keyWord])));
        return string.Join(' ', words);
    }

    /// <summary>A key file's text from its label, legacy PEM headers and contents.</summary>
    public static string Armor(string label, string headers, byte[] data)
    {
        string armored = Encoding.ASCII.GetString(PemArmor.Encode(label, data, 64));
        int afterBegin = armored.IndexOf('\n', StringComparison.Ordinal) + 1;
        return headers.Length == 0 ? armored : armored.Insert(afterBegin, headers + "\n\n");
    }
}
