using Teleport.Srv.Tunnel;

namespace Teleport.Srv.Tests.Tunnel;

public sealed class TunnelBackoffTests
{
    [Fact]
    public void Waits_double_from_half_a_second_to_a_five_second_cap_at_the_top_of_the_jitter()
    {
        var backoff = new TunnelBackoff(TunnelBackoff.DefaultFirst, TunnelBackoff.DefaultCap, new FixedRandom(1.0));

        double[] waits = [.. Enumerable.Range(0, 7).Select(_ => backoff.Next().TotalSeconds)];

        Assert.Equal([0.5, 1, 2, 4, 5, 5, 5], waits);
    }

    [Fact]
    public void Jitter_never_goes_below_half_the_wait()
    {
        var backoff = new TunnelBackoff(TunnelBackoff.DefaultFirst, TunnelBackoff.DefaultCap, new FixedRandom(0.0));

        double[] waits = [.. Enumerable.Range(0, 6).Select(_ => backoff.Next().TotalSeconds)];

        Assert.Equal([0.25, 0.5, 1, 2, 2.5, 2.5], waits);
    }

    [Fact]
    public void Random_waits_stay_within_the_band_and_differ()
    {
        var backoff = new TunnelBackoff();
        var waits = new List<TimeSpan>();
        for (int i = 0; i < 50; i++)
        {
            backoff.Reset();
            waits.Add(backoff.Next());
        }

        Assert.All(waits, w => Assert.InRange(w, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500)));
        Assert.True(waits.Distinct().Count() > 1, "the first wait is jittered");
    }

    [Fact]
    public void A_reset_starts_again_from_the_first_wait()
    {
        var backoff = new TunnelBackoff(TunnelBackoff.DefaultFirst, TunnelBackoff.DefaultCap, new FixedRandom(1.0));
        for (int i = 0; i < 5; i++)
        {
            backoff.Next();
        }

        backoff.Reset();

        Assert.Equal(TimeSpan.FromMilliseconds(500), backoff.Next());
    }

    private sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;
    }
}
