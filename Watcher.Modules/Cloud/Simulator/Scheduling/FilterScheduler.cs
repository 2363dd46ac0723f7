namespace Watcher.Modules.Cloud.Simulator.Scheduling;

/// <summary>
/// Nova's filter scheduler in miniature: drop hosts that fail any filter, then rank the rest by the sum of
/// min-max normalised weigher values times their multipliers. Highest total wins; ties go to the host listed
/// first (a stable sort), which keeps placements reproducible.
/// </summary>
public sealed class FilterScheduler(SchedulerOptions options)
{
    public static readonly IReadOnlyList<IHostFilter> Filters =
        [new ComputeFilter(), new AvailabilityZoneFilter(), new RamFilter(), new CoreFilter(), new DiskFilter(),
            new ServerGroupAntiAffinityFilter(), new ServerGroupAffinityFilter()];

    public static readonly IReadOnlyList<IHostWeigher> Weighers =
        [new RamWeigher(), new CpuWeigher(), new DiskWeigher()];

    /// <summary>The name of the first filter rejecting the host, or null when it passes them all.</summary>
    public static string? RejectedBy(HostState host, ResourceRequest request) =>
        Filters.FirstOrDefault(f => !f.Passes(host, request))?.Name;

    /// <summary>The hosts that pass every filter, in candidate order.</summary>
    public static IReadOnlyList<HostState> Filter(IEnumerable<HostState> candidates, ResourceRequest request) =>
        candidates.Where(h => RejectedBy(h, request) is null).ToList();

    /// <summary>Each host with its total weight, best first (stable for ties).</summary>
    public IReadOnlyList<(HostState Host, double Weight)> Weigh(IReadOnlyList<HostState> hosts)
    {
        var totals = new double[hosts.Count];
        foreach (var weigher in Weighers)
        {
            var raw = hosts.Select(weigher.RawWeight).ToArray();
            var normalised = Normalise(raw);
            var multiplier = weigher.Multiplier(options);
            for (var i = 0; i < totals.Length; i++) totals[i] += multiplier * normalised[i];
        }
        return hosts.Select((h, i) => (h, totals[i])).OrderByDescending(x => x.Item2).ToList();
    }

    /// <summary>Picks the destination for a request, or throws <see cref="NoValidHostException"/>.</summary>
    public HostState SelectHost(IEnumerable<HostState> candidates, ResourceRequest request)
    {
        var passing = Filter(candidates, request);
        if (passing.Count == 0) throw new NoValidHostException(NoValidHostException.NotEnoughHosts);
        return Weigh(passing)[0].Host;
    }

    /// <summary>Min-max to [0, 1]; when every value is equal all get 0, as in Nova's normalize().</summary>
    public static double[] Normalise(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return [];
        double min = values.Min(), max = values.Max();
        var range = max - min;
        return values.Select(v => range == 0 ? 0.0 : (v - min) / range).ToArray();
    }
}
