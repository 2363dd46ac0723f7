using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Strategies.Common;

namespace Watcher.Modules.Decision.Strategies.WorkloadStabilization;

public sealed partial class WorkloadStabilizationStrategy
{
    /// <summary>A move that lowered the weighted deviation when it was simulated.</summary>
    internal sealed class Candidate(string instanceUuid, MoveCase move, double estimate, int order)
    {
        public string InstanceUuid { get; } = instanceUuid;
        public MoveCase Move { get; } = move;
        public double Estimate { get; } = estimate;
        public int Order { get; } = order;
        public double? Exact { get; set; }
    }

    /// <summary>The two passes of upstream's algorithm: simulate_migrations, then the walk in do_execute.</summary>
    internal sealed class MigrationSearch
    {
        /// <summary>Up to this many hosts, near-ties are ordered exactly as upstream orders them.</summary>
        public const int ExactTieBreakHosts = 2000;

        private readonly ComputeModel _model;
        private readonly HostLoads _hosts;
        private readonly InstanceLoadCache _instances;
        private readonly Settings _settings;
        private readonly PythonRandom _random;
        private readonly double[] _weights;

        public MigrationSearch(ComputeModel model, HostLoads hosts, InstanceLoadCache instances, Settings settings, PythonRandom random)
        {
            _model = model;
            _hosts = hosts;
            _instances = instances;
            _settings = settings;
            _random = random;
            _weights = Enumerable.Range(0, settings.Metrics.Count).Select(settings.Weight).ToArray();
            if (settings.HostChoice is not ("cycle" or "retry" or "fullsearch"))
                throw new StrategyFailedException(
                    $"Unknown host_choice '{settings.HostChoice}': expected cycle, retry or fullsearch");
        }

        /// <summary>
        /// For every instance that may move (active or paused, not excluded), on hosts taken in uuid order: the
        /// destinations offered by the host choice, keeping each move that beats the best deviation so far for that
        /// instance (starting from the cluster's). Sorted by deviation, lowest first, stable.
        /// </summary>
        public List<Candidate> Candidates(CancellationToken ct)
        {
            var order = _hosts.Hosts.Select((n, i) => (n.Uuid, Index: i))
                .OrderBy(x => x.Uuid, StringComparer.Ordinal).Select(x => x.Index).ToList();
            var current = ExactWeighted(_hosts, null);
            var candidates = new List<Candidate>();
            var scratch = _hosts.NewCase();
            for (var position = 0; position < order.Count; position++)
            {
                ct.ThrowIfCancellationRequested();
                var source = order[position];
                var chooser = new HostChooser(_settings, new AllBut(order, position), _random);
                foreach (var instance in _model.InstancesOf(_hosts.Hosts[source]))
                {
                    if (instance.WatcherExclude || instance.State is not (InstanceState.Active or InstanceState.Paused)) continue;
                    var destinations = chooser.Next();
                    if (_instances.Get(instance) is not { } load) continue;
                    Candidate? best = null;
                    foreach (var destination in destinations)
                    {
                        var move = _hosts.Fill(scratch, load, source, destination);
                        var estimate = EstimateWeighted(_hosts, move, out var reliable);
                        if (!IsLower(_hosts, move, ref estimate, reliable, best, current)) continue;
                        best = new Candidate(instance.Uuid, move.Keep(), estimate, candidates.Count);
                        candidates.Add(best);
                    }
                }
            }
            return SortByDeviation(candidates);
        }

        /// <summary>
        /// Walks the candidates against the running loads: a move whose deviation beats the best so far (from 1)
        /// is planned; the walk stops once a metric's deviation in the case just looked at is under its threshold.
        /// Returns the migrations planned and the last accepted deviation. The best deviation is kept as an
        /// estimate and made exact only when a comparison is too close to call, and at the end.
        /// </summary>
        public (int Migrations, double After) Apply(List<Candidate> candidates, HostLoads running, Solution solution, CancellationToken ct)
        {
            var best = 1.0;
            var bestIsExact = true;
            var migrations = 0;
            var moved = new HashSet<string>();
            var scratch = running.NewCase();
            var sds = new double[_settings.Metrics.Count];
            var exact = new bool[sds.Length];
            foreach (var candidate in candidates)
            {
                ct.ThrowIfCancellationRequested();
                var instance = _model.FindInstance(candidate.InstanceUuid)!;
                var source = running.Hosts[candidate.Move.Source];
                var destination = running.Hosts[candidate.Move.Destination];
                if (instance.Disk > destination.Disk) continue;

                var move = running.Fill(scratch, _instances.Get(instance)!, candidate.Move.Source, candidate.Move.Destination);
                var weighted = 0.0;
                var reliable = true;
                for (var k = 0; k < sds.Length; k++)
                {
                    sds[k] = running.EstimateSd(k, move, out var ok);
                    exact[k] = false;
                    reliable &= ok;
                    weighted += sds[k] * _weights[k];
                }
                var weightedIsExact = false;
                if (!reliable || Math.Abs(weighted - best) <= HostLoads.Tolerance)
                {
                    weighted = ExactWeighted(running, move, sds, exact);
                    weightedIsExact = true;
                    if (!bestIsExact) (best, bestIsExact) = (ExactWeighted(running, null), true);
                }

                // An instance already planned to move is not moved twice (upstream's model then failed the audit).
                if (weighted < best && moved.Add(instance.Uuid))
                {
                    (best, bestIsExact) = (weighted, weightedIsExact);
                    running.Apply(move);
                    _model.MigrateInstance(instance, source, destination);
                    solution.AddMigration(instance, "live", source, destination);
                    migrations++;
                }
                if (AnyUnderThreshold(running, move, sds, exact)) break;
            }
            if (migrations > 0 && !bestIsExact) best = ExactWeighted(running, null);
            return (migrations, migrations > 0 ? best : 0);
        }

        /// <summary>Any metric's deviation in the case under its threshold (exact when too close to call).</summary>
        private bool AnyUnderThreshold(HostLoads loads, MoveCase move, double[] sds, bool[] exact)
        {
            for (var k = 0; k < sds.Length; k++)
            {
                var threshold = _settings.Threshold(k);
                var sd = !exact[k] && Math.Abs(sds[k] - threshold) <= HostLoads.Tolerance ? ExactSd(loads, k, move, sds, exact) : sds[k];
                if (sd < threshold) return true;
            }
            return false;
        }

        /// <summary>
        /// Strictly lower than the best case so far, or than the cluster's deviation when there is none. When the
        /// estimate cannot decide, the exact value replaces it (so every kept estimate is within the tolerance).
        /// </summary>
        private bool IsLower(HostLoads loads, MoveCase move, ref double estimate, bool reliable, Candidate? best, double current)
        {
            var bar = best?.Estimate ?? current;
            if (reliable && Math.Abs(estimate - bar) > HostLoads.Tolerance) return estimate < bar;
            estimate = ExactWeighted(loads, move);
            var exactBar = best is null ? current : best.Exact ??= ExactWeighted(loads, best.Move);
            return estimate < exactBar;
        }

        /// <summary>
        /// Sorted by estimate, then every run of near-equal estimates re-sorted on exact values (stable), which is
        /// upstream's order to the last bit. Such runs are moves whose deviations differ only by rounding; past
        /// <see cref="ExactTieBreakHosts"/> hosts, recomputing each over every host would dominate the run, so
        /// there they keep the order in which they were found.
        /// </summary>
        private List<Candidate> SortByDeviation(List<Candidate> candidates)
        {
            var sorted = candidates.OrderBy(c => c.Estimate).ThenBy(c => c.Order).ToList();
            if (_hosts.Hosts.Count > ExactTieBreakHosts) return sorted;
            var start = 0;
            for (var i = 1; i <= sorted.Count; i++)
            {
                if (i < sorted.Count && sorted[i].Estimate - sorted[i - 1].Estimate <= HostLoads.Tolerance) continue;
                if (i - start > 1)
                {
                    var run = sorted.GetRange(start, i - start);
                    foreach (var c in run) c.Exact ??= ExactWeighted(_hosts, c.Move);
                    run = run.OrderBy(c => c.Exact!.Value).ThenBy(c => c.Order).ToList();
                    for (var j = 0; j < run.Count; j++) sorted[start + j] = run[j];
                }
                start = i;
            }
            return sorted;
        }

        private double EstimateWeighted(HostLoads loads, MoveCase move, out bool reliable)
        {
            var weighted = 0.0;
            reliable = true;
            for (var k = 0; k < _weights.Length; k++)
            {
                weighted += loads.EstimateSd(k, move, out var ok) * _weights[k];
                reliable &= ok;
            }
            return weighted;
        }

        /// <summary>Upstream's calculate_weighted_sd over exact per-metric deviations.</summary>
        private double ExactWeighted(HostLoads loads, MoveCase? move)
        {
            var weighted = 0.0;
            for (var k = 0; k < _weights.Length; k++) weighted += loads.ExactSd(k, move) * _weights[k];
            return weighted;
        }

        /// <summary>Same, also leaving the exact per-metric values in <paramref name="sds"/> for the threshold check.</summary>
        private double ExactWeighted(HostLoads loads, MoveCase move, double[] sds, bool[] exact)
        {
            var weighted = 0.0;
            for (var k = 0; k < _weights.Length; k++) weighted += ExactSd(loads, k, move, sds, exact) * _weights[k];
            return weighted;
        }

        private static double ExactSd(HostLoads loads, int metric, MoveCase move, double[] sds, bool[] exact)
        {
            sds[metric] = loads.ExactSd(metric, move);
            exact[metric] = true;
            return sds[metric];
        }
    }

    /// <summary>
    /// Upstream's yield_nodes: <c>cycle</c> offers the other hosts one at a time, round robin; <c>retry</c> draws
    /// <c>retry_count</c> of them at random (CPython's random.sample; more than there are means all of them, in
    /// random order, where upstream failed); <c>fullsearch</c> offers all.
    /// </summary>
    private sealed class HostChooser(Settings settings, IReadOnlyList<int> others, PythonRandom random)
    {
        private int _next;

        public IReadOnlyList<int> Next()
        {
            if (others.Count == 0) return [];
            switch (settings.HostChoice)
            {
                case "cycle":
                    var host = others[_next];
                    _next = (_next + 1) % others.Count;
                    return [host];
                case "retry":
                    return random.Sample(others, Math.Clamp(settings.RetryCount, 0, others.Count));
                default:
                    return others;
            }
        }
    }

    /// <summary>A list without one position, without copying it (one per source host would be quadratic).</summary>
    private sealed class AllBut(List<int> items, int skipped) : IReadOnlyList<int>
    {
        public int Count => items.Count - 1;
        public int this[int index] => items[index < skipped ? index : index + 1];

        public IEnumerator<int> GetEnumerator()
        {
            for (var i = 0; i < Count; i++) yield return this[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
