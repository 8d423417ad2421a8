using Teleport.Api.Types;

namespace Teleport.Api.Config;

/// <summary>
/// One of <c>ssh_service.commands</c>: a dynamic label whose value is the output of
/// <c>command</c> (program and arguments), run every <c>period</c>.
/// </summary>
public sealed record CommandLabelConfig
{
    /// <summary><c>name</c>: the label's key.</summary>
    public required string Name { get; init; }

    /// <summary><c>command</c>: the program and its arguments, e.g. <c>[uname, -r]</c>; no shell is involved.</summary>
    public required ValueList<string> Command { get; init; }

    /// <summary><c>period</c>: how often to run it (Go duration: <c>1m0s</c>, <c>1h</c>).</summary>
    public required Duration Period { get; init; }
}
