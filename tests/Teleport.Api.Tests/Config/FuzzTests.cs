using System.Text;
using Teleport.Api.Config;
using Teleport.Api.Types;

namespace Teleport.Api.Tests.Config;

/// <summary>
/// Any text given to the reader produces a configuration or a <see cref="ResourceValidationException"/>,
/// never another exception: mutations of real files, seeded so a failure replays.
/// </summary>
public sealed class FuzzTests
{
    private static readonly string[] Seeds =
    [
        SampleConfig.Write(host: Hosts.Root),
        SampleConfig.Write(new ConfigureOptions { Roles = "node", Token = "t", AuthServer = "[::1]", NodeLabels = "a=b" }, Hosts.Root),
        "version: v3\nteleport:\n  ca_pin: [a, b]\nauth_service:\n  tokens: [\"node:x\"]\n  public_addr: [a, b:1]\nssh_service:\n  labels: {a: b}\n  commands: [{name: n, command: [c], period: 1m}]\n",
    ];

    private static readonly char[] Syntax = ":-[]{}#&*!|>'\"%@`,?~ \n\t\\/.0123456789abcnyesv\u00e9\u0000\uFEFF".ToCharArray();

    [Fact]
    public void MutatedFilesAreReadOrRefusedWithAValidationError()
    {
        var random = new Random(20250301);
        for (int i = 0; i < 4000; i++)
        {
            string text = Mutate(Seeds[i % Seeds.Length], random, 1 + random.Next(4));
            try
            {
                TeleportConfig.ForStart(text, new StartFlags { Debug = (i & 1) == 0 }, Hosts.Root);
            }
            catch (ResourceValidationException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"mutation {i} threw {e.GetType().Name}: {e.Message}\n--- text ---\n{text}");
            }
        }
    }

    private static string Mutate(string text, Random random, int edits)
    {
        var builder = new StringBuilder(text);
        for (int edit = 0; edit < edits && builder.Length > 0; edit++)
        {
            int at = random.Next(builder.Length);
            switch (random.Next(3))
            {
                case 0:
                    builder.Remove(at, 1 + random.Next(Math.Min(8, builder.Length - at)));
                    break;
                case 1:
                    builder.Insert(at, Syntax[random.Next(Syntax.Length)]);
                    break;
                default:
                    builder[at] = Syntax[random.Next(Syntax.Length)];
                    break;
            }
        }

        return builder.ToString();
    }
}
