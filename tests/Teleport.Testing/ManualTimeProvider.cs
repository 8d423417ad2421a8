namespace Teleport.Testing;

/// <summary>A clock that moves only when told to. Timers still run on real time: backends under test turn their background sweep off and are swept explicitly.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    /// <summary>Starts at the real time, so certificates validate normally.</summary>
    public ManualTimeProvider() : this(DateTimeOffset.UtcNow) { }

    private readonly Lock _lock = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_lock)
        {
            _now += by;
        }
    }
}
