using Teleport.Api.Types;

namespace Teleport.Api.Config;

/// <summary><c>teleport.log.format</c>.</summary>
public sealed record LogFormat
{
    /// <summary>The fields Teleport's log formatters know, for <c>extra_fields</c>.</summary>
    public static IReadOnlyList<string> KnownFields { get; } = ["timestamp", "level", "component", "caller"];

    /// <summary><c>output</c>: <c>text</c> (the default) or <c>json</c>.</summary>
    public LogFormatOutput Output { get; init; } = LogFormatOutput.Text;

    /// <summary><c>extra_fields</c>: which of <see cref="KnownFields"/> each entry carries; empty means the formatter's default.</summary>
    public ValueList<string> ExtraFields { get; init; } = ValueList<string>.Empty;
}
