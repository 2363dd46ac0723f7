namespace Watcher.Modules.Cloud.Simulator.Metrics;

/// <summary>
/// The load profiles: each maps a moment to a factor on a server's base load. They are pure functions of time
/// (and the seed), so the past can be sampled at any later moment and always reads the same.
/// </summary>
public sealed class LoadProfiles(SimulatedMetricsOptions options, DateTimeOffset start)
{
    public const string Steady = "steady";
    public const string Diurnal = "diurnal";
    public const string Spikes = "spikes";
    public const string Burst = "burst";

    public static readonly IReadOnlySet<string> Names = new HashSet<string> { Steady, Diurnal, Spikes, Burst };

    private readonly double _start = start.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>The factor at <paramref name="unixSeconds"/> for a server (its id keys the random draws).</summary>
    public double Factor(string profile, string serverId, double unixSeconds) => profile switch
    {
        Diurnal => 1 + options.DiurnalAmplitude * Math.Sin(2 * Math.PI * (unixSeconds / (options.DiurnalPeriodHours * 3600) + Unit(serverId, 0))),
        Spikes => Unit(serverId, 1 + (long)Math.Floor(unixSeconds / options.SpikeSeconds)) < options.SpikeProbability ? options.SpikeFactor : 1,
        Burst => InBurst(unixSeconds) ? options.BurstFactor : 1,
        _ => 1,
    };

    public static bool IsConstant(string profile) => profile == Steady;

    private bool InBurst(double unixSeconds)
    {
        var sinceFirst = unixSeconds - (_start + options.BurstStartSeconds);
        var phase = sinceFirst - options.BurstEverySeconds * Math.Floor(sinceFirst / options.BurstEverySeconds);
        return phase < options.BurstSeconds;
    }

    /// <summary>A uniform number in [0, 1) from the seed, the server and a slot (SplitMix64 over an FNV-1a hash).</summary>
    private double Unit(string serverId, long slot)
    {
        var h = 14695981039346656037UL;
        foreach (var c in serverId) h = (h ^ c) * 1099511628211UL;
        var x = h ^ ((ulong)options.Seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)slot * 0xBF58476D1CE4E5B9UL);
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }
}
