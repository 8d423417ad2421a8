using System.CommandLine;
using System.CommandLine.Invocation;

namespace Tctl;

internal sealed class VersionAction : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        Console.WriteLine("Teleport v0.1.0-dev (tctl)");
        return 0;
    }
}
