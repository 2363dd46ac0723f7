using System.Text.Json.Nodes;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;
using Watcher.Modules.Decision.Goals;
using Watcher.Modules.Decision.Strategies;
using Watcher.Modules.Decision.Strategies.WorkloadStabilization;
using Watcher.Modules.Shared.Schema;
using Watcher.Tests.Support;

namespace Watcher.Tests.Decision.Strategies;

/// <summary>Expected outcomes from upstream's unit tests of workload_stabilization (reference §17.3).</summary>
public class WorkloadStabilizationStrategyTests
{
    private const string CpuAndRam = "\"metrics\": [\"instance_cpu_usage\", \"instance_ram_usage\"]";
    private readonly WorkloadStabilizationStrategy _strategy = new();

    [Fact]
    public void HostLoads_AreHostCpuFractionsAndRamInMegabytes()
    {
        var loads = Loads("strat_ws_scenario_1.json", "{" + CpuAndRam + "}");

        Assert.Equal(["Node_0", "Node_1", "Node_2", "Node_3", "Node_4"], loads.Hosts.Select(h => h.Uuid));
        Assert.Equal(0.296, Math.Round(Sd(loads, 0, normalised: false), 3));
        Assert.Equal(0.071, Math.Round(loads.ExactSd(1), 3));   // RAM normalised by the nodes' 132 MB
    }

    [Fact]
    public void HostLoads_NodeWithoutMetrics_IsLeftOut()
    {
        var loads = Loads("strat_ws_scenario_1_node_unavailable.json", "{" + CpuAndRam + "}");

        Assert.DoesNotContain(loads.Hosts, h => h.Uuid == "LOST_NODE");
        Assert.Equal(5, loads.Hosts.Count);
    }

    [Fact]
    public void HostLoads_OnlyEnabledNodesTakePart()
    {
        Assert.Equal(3, Loads("strat_ws_scenario_9.json", "{}").Hosts.Count);
    }

    [Fact]
    public void MoveCase_AddsTheInstanceCpuShareAndRamToTheDestination()
    {
        var loads = Loads("strat_ws_scenario_1.json", "{" + CpuAndRam + "}");
        var instance = new InstanceLoad(10, [0.10, 16]);   // d050: 10 % of 10 vCPUs, 16 MB

        var move = loads.Fill(loads.NewCase(), instance, loads.IndexOf["Node_2"], loads.IndexOf["Node_1"]);

        Assert.Equal(0.095, Math.Round(move.NewDestination[0], 3));
        Assert.Equal(21.0, move.NewDestination[1]);
    }

    [Fact]
    public void Simulation_FullSearch_KeepsTenCandidates()
    {
        Assert.Equal(10, Candidates("strat_ws_scenario_1.json").Count);
    }

    [Fact]
    public void Simulation_AllInstancesExcluded_NoCandidate()
    {
        Assert.Empty(Candidates("strat_ws_scenario_1_all_excluded.json"));
    }

    [Theory]
    [InlineData(0.25, true)]
    [InlineData(0.3, false)]
    [InlineData(0.4, false)]
    public void Threshold_OnCpuDeviation_DecidesWhetherToAct(double threshold, bool acts)
    {
        var solution = StrategyHarness.Run(_strategy, "strat_ws_scenario_1.json",
            $"{{\"thresholds\": {{\"instance_cpu_usage\": {threshold}}}, \"seed\": 0}}");

        Assert.Equal(acts, solution.Actions.Count > 0);
        Assert.Equal(acts ? 0.296 : 0, Math.Round(solution.Indicators[WorkloadBalancingGoal.StandardDeviationBeforeAudit], 3));
    }

    [Theory]
    [InlineData(0.05, 0.071)]
    [InlineData(0.1, 0)]
    public void Threshold_OnRamDeviation_UsesNormalisedRam(double threshold, double before)
    {
        var solution = StrategyHarness.Run(_strategy, "strat_ws_scenario_1.json",
            $"{{\"metrics\": [\"instance_ram_usage\"], \"thresholds\": {{\"instance_ram_usage\": {threshold}}}, \"seed\": 0}}");

        Assert.Equal(before, Math.Round(solution.Indicators[WorkloadBalancingGoal.StandardDeviationBeforeAudit], 3));
    }

    [Fact]
    public void Execute_FullSearch_MovesFromTheBusyNodeUntilTheDeviationIsLow()
    {
        var solution = StrategyHarness.Run(_strategy, "strat_ws_scenario_1.json",
            "{" + CpuAndRam + ", \"host_choice\": \"fullsearch\", \"thresholds\": {\"instance_cpu_usage\": 0.2, \"instance_ram_usage\": 0.2}}");

        Assert.NotEmpty(solution.Actions);
        Assert.All(solution.Actions, a => Assert.Equal("hostname_2", a.InputParameters["source_node"]!.GetValue<string>()));
        var before = solution.Indicators[WorkloadBalancingGoal.StandardDeviationBeforeAudit];
        var after = solution.Indicators[WorkloadBalancingGoal.StandardDeviationAfterAudit];
        Assert.True(after > 0, $"after {after}, before {before}");
        Assert.Equal(solution.Actions.Count, solution.Indicators[WorkloadBalancingGoal.InstanceMigrationsCount]);
        Assert.Equal(35, solution.Indicators[WorkloadBalancingGoal.InstancesCount]);
    }

    [Fact]
    public void Execute_SameSeed_SamePlan_AndUpstreamsDrawsForSeedZero()
    {
        const string parameters = "{\"seed\": 0}";
        var first = StrategyHarness.Describe(StrategyHarness.Run(_strategy, "strat_ws_scenario_1.json", parameters));
        var second = StrategyHarness.Describe(StrategyHarness.Run(_strategy, "strat_ws_scenario_1.json", parameters));

        Assert.Equal(first, second);
        // Upstream 9.0.0 with random.seed(0) plans exactly this (tools/compare_upstream.py).
        Assert.Equal(
            ["migrate live hostname_2->hostname_4 d050ef1f-dc19-4982-9383-087498bfde03",
             "migrate live hostname_2->hostname_3 d030ef1f-dc19-4982-9383-087498bfde03",
             "migrate live hostname_2->hostname_4 d040ef1f-dc19-4982-9383-087498bfde03"], first);
    }

    [Fact]
    public void Execute_InstanceOfferedTwice_IsMovedOnce()
    {
        // With three random hosts per instance, d050 is a candidate towards two hosts; upstream planned the
        // second move from a node the instance had already left and failed the audit.
        var solution = StrategyHarness.Run(_strategy, "strat_ws_scenario_1.json", "{\"retry_count\": 3, \"seed\": 0}");

        var moved = solution.Actions.Select(a => a.InputParameters["resource_id"]!.GetValue<string>()).ToList();
        Assert.Equal(moved.Distinct().Count(), moved.Count);
        Assert.True(moved.Count >= 2);
    }

    [Fact]
    public void Execute_MissingWeight_FailsWithUpstreamsMessage()
    {
        var error = Assert.Throws<StrategyFailedException>(() => StrategyHarness.Run(_strategy, "strat_ws_scenario_1.json",
            "{\"weights\": {\"instance_ram_usage_weight\": 1.0}, \"seed\": 0}"));

        Assert.Equal("Incorrect mapping: could not find associated weight for instance_cpu_usage in weight dict.", error.Message);
    }

    [Fact]
    public void DeprecatedNodePeriodAndAggregate_OverrideComputeNode()
    {
        var scenario = Scenario.Load(TestPaths.TestScenario("strat_ws_scenario_1.json"));
        var recorder = new RecordingDatasource(new ScenarioDatasource(scenario));
        var parameters = Parameters("{\"periods\": {\"instance\": 720, \"compute_node\": 600, \"node\": 500}, "
            + "\"aggregation_method\": {\"instance\": \"mean\", \"compute_node\": \"mean\", \"node\": \"min\"}, \"seed\": 0}");

        _strategy.Execute(new StrategyContext(scenario.Model, parameters, recorder));

        Assert.All(recorder.NodeCalls, c => Assert.Equal((500, "min"), (c.Period, c.Aggregate)));
        Assert.All(recorder.InstanceCalls, c => Assert.Equal((720, "mean"), (c.Period, c.Aggregate)));
    }

    [Fact]
    public void PythonRandom_DrawsWhatCPythonDraws()
    {
        // Reference values from /usr/bin/python3: random.seed(0); getrandbits(32) x3, then the samples below.
        var random = new PythonRandom(0);
        Assert.Equal([3626764237u, 1654615998u, 3255389356u], new[] { random.GetRandBits(32), random.GetRandBits(32), random.GetRandBits(32) });
        Assert.Equal([107551873u, 2403399316u, 624174316u], Take(new PythonRandom(12345678901234), 3));

        random = new PythonRandom(0);
        Assert.Equal([49], random.Sample(Enumerable.Range(0, 100).ToList(), 1));
        Assert.Equal([6, 0, 4], random.Sample(Enumerable.Range(0, 10).ToList(), 3));
        Assert.Equal([32, 31, 25, 19, 30, 22, 37], random.Sample(Enumerable.Range(0, 50).ToList(), 7));
    }

    private static IEnumerable<uint> Take(PythonRandom random, int count)
    {
        for (var i = 0; i < count; i++) yield return random.GetRandBits(32);
    }

    private static JsonObject Parameters(string json)
    {
        var parameters = (JsonObject)JsonNode.Parse(json)!;
        ParameterSchema.ValidateAndApplyDefaults(new WorkloadStabilizationStrategy().ParametersSchema, parameters);
        return parameters;
    }

    private static HostLoads Loads(string file, string json)
    {
        var scenario = Scenario.Load(TestPaths.TestScenario(file));
        var context = new StrategyContext(scenario.Model, Parameters(json), new ScenarioDatasource(scenario));
        return WorkloadStabilizationStrategy.ReadHostLoads(scenario.Model, context.Metrics!,
            WorkloadStabilizationStrategy.Settings.Read(context));
    }

    private static List<WorkloadStabilizationStrategy.Candidate> Candidates(string file)
    {
        var scenario = Scenario.Load(TestPaths.TestScenario(file));
        var context = new StrategyContext(scenario.Model,
            Parameters("{" + CpuAndRam + ", \"host_choice\": \"fullsearch\"}"), new ScenarioDatasource(scenario));
        var settings = WorkloadStabilizationStrategy.Settings.Read(context);
        var loads = WorkloadStabilizationStrategy.ReadHostLoads(scenario.Model, context.Metrics!, settings);
        var search = new WorkloadStabilizationStrategy.MigrationSearch(scenario.Model, loads,
            new WorkloadStabilizationStrategy.InstanceLoadCache(context.Metrics!, settings), settings, new PythonRandom(0));
        return search.Candidates(CancellationToken.None);
    }

    /// <summary>Population standard deviation of the raw (not normalised) loads, as upstream's get_sd on hosts_load.</summary>
    private static double Sd(HostLoads loads, int metric, bool normalised)
    {
        var values = loads.Hosts.Select((h, i) => loads.Load(metric, i) / (normalised ? h.Memory : 1)).ToList();
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }
}
