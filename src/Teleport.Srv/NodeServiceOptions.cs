using System.Net;
using Microsoft.Extensions.Logging;
using Teleport.Api.Types;

namespace Teleport.Srv;

/// <summary>What the SSH service needs from teleport.yaml and the command line.</summary>
public sealed record NodeServiceOptions
{
    /// <summary><c>teleport.data_dir</c>: the node keeps its identity and unsent recordings here.</summary>
    public required string DataDir { get; init; }

    /// <summary><c>teleport.nodename</c>.</summary>
    public required string NodeName { get; init; }

    /// <summary>The Auth server as <c>host:port</c>; empty when the node joins through <see cref="ProxyServer"/>.</summary>
    public string AuthServer { get; init; } = string.Empty;

    /// <summary>
    /// <c>teleport.proxy_server</c> (the proxy's web address): the node joins through the proxy,
    /// keeps a reverse tunnel to it, reaches Auth through that tunnel, and listens on no port.
    /// </summary>
    public string? ProxyServer { get; init; }

    /// <summary>Whether the node is reached through a reverse tunnel (<see cref="ProxyServer"/> is set).</summary>
    public bool UseTunnel => ProxyServer is not null;

    /// <summary>The join token for the first start; a path when it starts with <c>/</c>.</summary>
    public string? JoinToken { get; init; }

    /// <summary><c>ca_pin</c>: <c>sha256:&lt;hex&gt;</c> hashes of the cluster's TLS CA.</summary>
    public IReadOnlyList<string> CaPins { get; init; } = [];

    /// <summary><c>ssh_service.listen_addr</c>; not listened on behind a reverse tunnel.</summary>
    public required IPEndPoint ListenAddr { get; init; }

    /// <summary>The address heartbeats advertise (<c>public_addr</c>, else the listen address); empty behind a reverse tunnel.</summary>
    public required string AdvertiseAddr { get; init; }

    /// <summary><c>ssh_service.labels</c>.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary><c>ssh_service.commands</c>: name, program and arguments, period.</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<string> Command, TimeSpan Period)> CommandLabels { get; init; } = [];

    /// <summary>Our own executable, re-run as <c>teleport exec</c> to become the OS user and as <c>teleport sftp</c>.</summary>
    public required string HelperPath { get; init; }

    /// <summary>How often the node reports itself; Teleport's cadence is about a minute, the entry living a few times longer.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long Auth keeps the node listed after a heartbeat.</summary>
    public TimeSpan HeartbeatTtl { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How often roles, the user CA and the recording mode are fetched from Auth.</summary>
    public TimeSpan ClusterRefreshInterval { get; init; } = TimeSpan.FromSeconds(5);

    public ILoggerFactory? LoggerFactory { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The static labels as the node resource carries them.</summary>
    internal ValueMap<string> StaticLabels => ValueMap.From(Labels.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal));
}
