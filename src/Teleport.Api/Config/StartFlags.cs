using Teleport.Api.Types;

namespace Teleport.Api.Config;

/// <summary>
/// The flags of <c>teleport start</c> that change the configuration; each one set overrides the
/// file (<see cref="TeleportConfig.Apply"/>). Values are the flags' text, checked when applied.
/// </summary>
public sealed record StartFlags
{
    /// <summary><c>--roles</c>, <c>-r</c>: a comma list of <c>auth</c>, <c>node</c>, <c>proxy</c>; exactly those services run.</summary>
    public string? Roles { get; init; }

    /// <summary><c>--token</c>: the join token (or a path to a file holding it).</summary>
    public string? Token { get; init; }

    /// <summary><c>--auth-server</c>: the Auth service to join; the local Auth service does not run then.</summary>
    public string? AuthServer { get; init; }

    /// <summary><c>--ca-pin</c>, repeatable: replaces the file's <c>ca_pin</c>.</summary>
    public ValueList<string> CaPins { get; init; } = ValueList<string>.Empty;

    /// <summary><c>--nodename</c></summary>
    public string? NodeName { get; init; }

    /// <summary><c>-d</c>, <c>--debug</c>: log at DEBUG (a file's TRACE stays TRACE, as in Teleport).</summary>
    public bool Debug { get; init; }

    /// <summary>
    /// <c>--labels</c>: <c>env=prod,role=db</c>; a value <c>[1h:uname -r]</c> is a command label.
    /// Replaces the file's <c>ssh_service.labels</c> and <c>commands</c>, as in Teleport.
    /// </summary>
    public string? Labels { get; init; }

    /// <summary><c>-l</c>, <c>--listen-ip</c>: the IP every service listens on (ports unchanged).</summary>
    public string? ListenIP { get; init; }

    /// <summary><c>--diag-addr</c>: where to serve health and metrics.</summary>
    public string? DiagAddr { get; init; }

    /// <summary>
    /// <c>--data-dir</c>. Not a <c>teleport start</c> flag in Teleport (only <c>teleport configure</c>
    /// and <c>teleport join openssh</c> have it); here so a quickstart needs no file.
    /// </summary>
    public string? DataDir { get; init; }
}
