namespace Teleport.Api.Types;

/// <summary>A role's <c>options.record_session</c>: the recording mode by protocol and whether desktops are recorded.</summary>
public sealed record RecordSession
{
    /// <summary>Whether desktop sessions are recorded; unset means yes.</summary>
    public bool? Desktop { get; init; }

    /// <summary>The mode for protocols without their own setting: <c>best_effort</c> or <c>strict</c>.</summary>
    public string? Default { get; init; }

    /// <summary>The mode for SSH sessions; falls back to <see cref="Default"/>.</summary>
    public string? Ssh { get; init; }
}
