namespace Teleport.Srv.Tunnel;

/// <summary>
/// How long the tunnel agent waits before reconnecting: 0.5 s doubling up to 5 s, each wait
/// jittered into its upper half (so a proxy restart is not met by every node at the same instant),
/// back to the start once a tunnel is up again.
/// </summary>
public sealed class TunnelBackoff(TimeSpan first, TimeSpan cap, Random random)
{
    public static readonly TimeSpan DefaultFirst = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan DefaultCap = TimeSpan.FromSeconds(5);

    private readonly TimeSpan _first = first;
    private TimeSpan _next = first;

    public TunnelBackoff()
        : this(DefaultFirst, DefaultCap, Random.Shared)
    {
    }

    /// <summary>The next wait: in [d/2, d] where d doubles from the first wait up to the cap.</summary>
    public TimeSpan Next()
    {
        TimeSpan current = _next;
        _next = current * 2 < cap ? current * 2 : cap;
        return (current / 2) + (current / 2 * random.NextDouble());
    }

    /// <summary>A tunnel came up: the next failure starts from the first wait again.</summary>
    public void Reset() => _next = _first;
}
