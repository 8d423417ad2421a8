namespace Teleport.Auth.Tests.Support;

/// <summary>A clock tests move by hand; it starts at the real time so certificates validate normally.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
