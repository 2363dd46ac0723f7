using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;

namespace Watcher.Modules.Decision.Strategies.WorkloadStabilization;

/// <summary>An instance's load per selected metric: CPU as a fraction of its vCPUs, RAM in MB.</summary>
internal sealed record InstanceLoad(int Vcpus, double[] Values);

/// <summary>One simulated move and the per-metric loads of its two hosts afterwards.</summary>
internal readonly record struct MoveCase(int Source, int Destination, double[] NewSource, double[] NewDestination)
{
    public MoveCase Keep() => this with { NewSource = (double[])NewSource.Clone(), NewDestination = (double[])NewDestination.Clone() };
}

/// <summary>
/// The load of every host (up, enabled, with data for every metric) per selected metric, in model order:
/// host CPU as a fraction, host RAM in MB (normalised by the node's memory when a deviation is taken).
/// <para>
/// Standard deviations are what upstream compares and sorts, so <see cref="ExactSd"/> redoes upstream's two-pass
/// arithmetic over all hosts in the same order, which makes equal-looking cases compare exactly as they do there.
/// That costs O(hosts); the search instead estimates a move's deviation in O(1) from running sums (shifted by
/// the initial mean to keep precision) and asks for the exact value only when the estimate is too close to call.
/// </para>
/// </summary>
internal sealed class HostLoads
{
    /// <summary>Differences larger than this are decided on estimates; the estimates err by far less.</summary>
    public const double Tolerance = 1e-10;

    private readonly bool[] _isCpu;
    private readonly bool[] _normalise;
    private readonly double[][] _load;   // [metric][host], raw
    private readonly double[] _shift, _sum, _sumSquares;

    public HostLoads(IReadOnlyList<string> metrics, IReadOnlyList<ComputeNode> hosts, double[][] load)
    {
        Metrics = metrics;
        Hosts = hosts;
        _load = load;
        _isCpu = metrics.Select(m => m == MetricNames.InstanceCpuUsage).ToArray();
        _normalise = metrics.Select(m => m == MetricNames.InstanceRamUsage).ToArray();
        IndexOf = new Dictionary<string, int>(hosts.Count);
        for (var h = 0; h < hosts.Count; h++) IndexOf[hosts[h].Uuid] = h;
        _shift = new double[metrics.Count];
        _sum = new double[metrics.Count];
        _sumSquares = new double[metrics.Count];
        RecomputeSums();
    }

    public IReadOnlyList<string> Metrics { get; }
    public IReadOnlyList<ComputeNode> Hosts { get; }
    public Dictionary<string, int> IndexOf { get; }

    /// <summary>Raw load of a host for a metric (CPU fraction, RAM MB).</summary>
    public double Load(int metric, int host) => _load[metric][host];

    public HostLoads Copy() => new(Metrics, Hosts, _load.Select(l => (double[])l.Clone()).ToArray());

    /// <summary>A case with its own buffers, to be filled by <see cref="Fill"/> again and again.</summary>
    public MoveCase NewCase() => new(0, 0, new double[Metrics.Count], new double[Metrics.Count]);

    /// <summary>The loads of source and destination if the instance moved between them (upstream's case).</summary>
    public MoveCase Fill(MoveCase buffer, InstanceLoad instance, int source, int destination)
    {
        for (var k = 0; k < Metrics.Count; k++)
        {
            buffer.NewSource[k] = _load[k][source] - (_isCpu[k] ? Transform(instance, Hosts[source].Vcpus, k) : instance.Values[k]);
            buffer.NewDestination[k] = _load[k][destination] + (_isCpu[k] ? Transform(instance, Hosts[destination].Vcpus, k) : instance.Values[k]);
        }
        return buffer with { Source = source, Destination = destination };
    }

    /// <summary>Makes the case the current state.</summary>
    public void Apply(MoveCase move)
    {
        for (var k = 0; k < Metrics.Count; k++)
        {
            _load[k][move.Source] = move.NewSource[k];
            _load[k][move.Destination] = move.NewDestination[k];
        }
        RecomputeSums();
    }

    /// <summary>Upstream's get_sd on the current loads, normalised.</summary>
    public double ExactSd(int metric) => ExactSd(metric, null);

    /// <summary>Upstream's get_sd with the case's two hosts replaced: mean first, then the mean squared distance.</summary>
    public double ExactSd(int metric, MoveCase? move)
    {
        var n = Hosts.Count;
        if (n == 0) return 0;
        var mean = 0.0;
        for (var h = 0; h < n; h++) mean += Normalised(metric, h, move);
        mean /= n;
        var variation = 0.0;
        for (var h = 0; h < n; h++) variation += Math.Pow(Normalised(metric, h, move) - mean, 2);
        variation /= n;
        return Math.Sqrt(variation);
    }

    /// <summary>The deviation after the move, from running sums: O(1), within far less than <see cref="Tolerance"/>.</summary>
    public double EstimateSd(int metric, MoveCase move, out bool reliable)
    {
        var n = Hosts.Count;
        var s = move.Source;
        var d = move.Destination;
        var oldS = Norm(metric, s, _load[metric][s]) - _shift[metric];
        var oldD = Norm(metric, d, _load[metric][d]) - _shift[metric];
        var newS = Norm(metric, s, move.NewSource[metric]) - _shift[metric];
        var newD = Norm(metric, d, move.NewDestination[metric]) - _shift[metric];
        var sum = _sum[metric] - oldS - oldD + newS + newD;
        var squares = _sumSquares[metric] - oldS * oldS - oldD * oldD + newS * newS + newD * newD;
        var mean = sum / n;
        var variance = squares / n - mean * mean;
        // A near-zero variance loses its precision to cancellation; let the caller compute it exactly.
        reliable = variance > 1e-6;
        return Math.Sqrt(Math.Max(0, variance));
    }

    private double Normalised(int metric, int host, MoveCase? move)
    {
        var raw = _load[metric][host];
        if (move is { } c)
        {
            if (host == c.Source) raw = c.NewSource[metric];
            else if (host == c.Destination) raw = c.NewDestination[metric];
        }
        return Norm(metric, host, raw);
    }

    private double Norm(int metric, int host, double raw) => _normalise[metric] ? raw / (double)Hosts[host].Memory : raw;

    /// <summary>Upstream's transform_instance_cpu: the instance's CPU share expressed in the host's vCPUs.</summary>
    private static double Transform(InstanceLoad instance, int hostVcpus, int metric) =>
        instance.Values[metric] * (instance.Vcpus / (double)hostVcpus);

    private void RecomputeSums()
    {
        var n = Hosts.Count;
        for (var k = 0; k < Metrics.Count; k++)
        {
            var mean = 0.0;
            for (var h = 0; h < n; h++) mean += Norm(k, h, _load[k][h]);
            _shift[k] = n == 0 ? 0 : mean / n;
            double sum = 0, squares = 0;
            for (var h = 0; h < n; h++)
            {
                var x = Norm(k, h, _load[k][h]) - _shift[k];
                sum += x;
                squares += x * x;
            }
            (_sum[k], _sumSquares[k]) = (sum, squares);
        }
    }
}
